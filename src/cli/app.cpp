#include "cli/app.hpp"

#include <exception>
#include <iostream>

#include "cli/commands.hpp"
#include "wfm/core/error.hpp"

#ifndef WFM_VERSION
#define WFM_VERSION "unknown"
#endif

namespace wfm::cli {

int run(int argc, char** argv) {
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
  add_validate_scenario_command(app, action);
  add_forecast_command(app, action);
  add_backtest_command(app, action);
  add_plan_command(app, action);
  add_whatif_command(app, action);
  add_capacity_command(app, action);
  add_schedule_command(app, action);
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
      std::cerr << "wfm: error: no command named '" << help_topic << "' (see wfm help)\n";
      return 2;
    };
  });

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
    std::cerr << "wfm: error: " << e.what() << "\n";
    std::cerr << "Run 'wfm help' for usage.\n";
    return 2;
  } catch (const core::InputError& e) {
    // Raised by option validators in the commands.
    std::cerr << "wfm: error: " << e.what() << "\n";
    return 2;
  }
  if (!action) {
    std::cout << app.help();
    return argc > 1 ? 2 : 0;
  }
  try {
    return action();
  } catch (const core::InputError& e) {
    std::cerr << "wfm: error: " << e.what() << "\n";
    return 2;
  } catch (const core::InternalError& e) {
    std::cerr << "wfm: " << e.what() << "\n";
    return 3;
  } catch (const std::bad_alloc&) {
    std::cerr << "wfm: error: out of memory\n";
    return 3;
  } catch (const std::exception& e) {
    std::cerr << "wfm: error: " << e.what() << "\n";
    return 3;
  }
}

}  // namespace wfm::cli
