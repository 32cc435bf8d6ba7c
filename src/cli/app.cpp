#include "cli/app.hpp"

#include <cstring>
#include <exception>
#include <iostream>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "cli/commands.hpp"
#include "cli/error_output.hpp"
#include "wfm/core/error.hpp"
#include "wfm/core/suggest.hpp"
#include "wfm/io/temp_registry.hpp"

#ifndef WFM_VERSION
#define WFM_VERSION "unknown"
#endif

namespace wfm::cli {
namespace {

// Prints a failure: the text line on stderr, and with --json also the JSON object on stdout
// (error_output.hpp). Returns exit_code.
class ErrorReporter {
 public:
  explicit ErrorReporter(bool json) : json_(json) {}

  int report(int exit_code, std::string_view kind, std::string_view prefix,
             const std::string& message, const core::Location* where = nullptr) const {
    std::cerr << prefix << escape_for_terminal(message) << "\n";
    if (json_) std::cout << error_json(exit_code, kind, message, where).dump(2) << "\n";
    return exit_code;
  }

 private:
  bool json_;
};

// "unknown command 'stafff'; did you mean 'staff'?" for a first argument that is not an option
// and names no command; empty when it names one (or is an option).
std::string unknown_command(const CLI::App& app, int argc, char** argv) {
  if (argc < 2 || argv[1][0] == '-') return {};
  const std::string_view name = argv[1];
  std::vector<std::string> names;
  for (const auto* sub : app.get_subcommands({})) {
    if (sub->get_name() == name) return {};
    names.push_back(sub->get_name());
  }
  const std::vector<std::string_view> views(names.begin(), names.end());
  const auto guess = core::closest_name(name, views);
  return guess.empty() ? fmt::format("unknown command '{}' (see wfm help)", name)
                       : fmt::format("unknown command '{}'; did you mean '{}'?", name, guess);
}

}  // namespace

int run(int argc, char** argv) {
  // Ctrl-C or a kill removes the temporary files of outputs being written (io/temp_registry.hpp).
  io::install_temp_cleanup_on_signals();
  bool json = false;
  for (int i = 1; i < argc; ++i) json = json || std::strcmp(argv[i], "--json") == 0;
  const ErrorReporter errors(json);

  CLI::App app{"wfm: contact-center workforce forecasting and staffing"};
  app.name("wfm");
  app.set_version_flag("--version", std::string("wfm ") + WFM_VERSION);
  app.require_subcommand(0, 1);
  Action action;
  add_erlang_command(app, action);
  add_staff_command(app, action);
  add_simulate_command(app, action);
  add_synth_command(app, action);
  add_kpi_command(app, action);
  add_aggregate_command(app, action);
  add_accuracy_command(app, action);
  add_resample_command(app, action);
  add_validate_scenario_command(app, action);
  add_forecast_command(app, action);
  add_backtest_command(app, action);
  add_plan_command(app, action);
  add_whatif_command(app, action);
  add_capacity_command(app, action);
  add_schedule_command(app, action);
  add_backlog_command(app, action);
  auto* help = app.add_subcommand("help", "Show this help, or a command's: wfm help COMMAND");
  std::string help_topic;
  help->add_option("command", help_topic, "command to describe");
  help->callback([&] {
    action = [&]() -> int {
      if (help_topic.empty()) {
        std::cout << app.help();
        return 0;
      }
      for (auto* sub : app.get_subcommands({})) {
        if (sub->get_name() == help_topic) {
          std::cout << sub->help();
          return 0;
        }
      }
      char* topic_argv[] = {argv[0], help_topic.data()};
      return errors.report(2, "usage", "wfm: error: ", unknown_command(app, 2, topic_argv));
    };
  });

  if (const auto unknown = unknown_command(app, argc, argv); !unknown.empty()) {
    return errors.report(2, "usage", "wfm: error: ", unknown);
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::CallForAllHelp&) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return 0;
  } catch (const CLI::CallForVersion&) {
    std::cout << "wfm " << WFM_VERSION << "\n";
    return 0;
  } catch (const CLI::ParseError& e) {
    const int code = errors.report(2, "usage", "wfm: error: ", e.what());
    std::cerr << "Run 'wfm help' for usage.\n";
    return code;
  } catch (const core::InputError& e) {
    // Raised by option validators in the commands.
    return errors.report(2, "input", "wfm: error: ", e.what(), &e.where());
  }
  if (!action) {
    std::cout << app.help();
    return argc > 1 ? 2 : 0;
  }
  try {
    return action();
  } catch (const core::InputError& e) {
    return errors.report(2, "input", "wfm: error: ", e.what(), &e.where());
  } catch (const core::IoError& e) {
    const core::Location where{e.path(), 0, {}};
    return errors.report(4, "io", "wfm: I/O error: ", e.what(), &where);
  } catch (const core::InternalError& e) {
    return errors.report(3, "internal", "wfm: ", e.what());
  } catch (const std::bad_alloc&) {
    return errors.report(3, "internal", "wfm: error: ", "out of memory");
  } catch (const std::exception& e) {
    return errors.report(3, "internal", "wfm: error: ", e.what());
  }
}

}  // namespace wfm::cli
