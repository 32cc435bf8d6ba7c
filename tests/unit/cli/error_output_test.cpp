// wfm::cli::escape_for_terminal and error_json, and how `wfm` reports failures: the JSON error
// object of --json runs, unknown commands with a suggestion, and binary bytes never echoed raw.
#include "cli/error_output.hpp"

#include <string>

#include "cli_test_support.hpp"

using namespace wfm::cli::test;
using wfm::cli::error_json;
using wfm::cli::escape_for_terminal;

TEST_CASE("escape_for_terminal keeps text and UTF-8, escapes control and invalid bytes",
          "[cli][errors]") {
  CHECK(escape_for_terminal("plain text: 3 > 2") == "plain text: 3 > 2");
  CHECK(escape_for_terminal("K\xc3\xbcndenservice") == "K\xc3\xbcndenservice");  // ü kept
  CHECK(escape_for_terminal("\xe2\x82\xac 5") == "\xe2\x82\xac 5");              // € kept
  CHECK(escape_for_terminal("a\x1b[2Jb") == "a\\x1b[2Jb");                       // no escape codes
  CHECK(escape_for_terminal("a\tb") == "a\\tb");
  CHECK(escape_for_terminal("line\nnext") == "line\nnext");
  CHECK(escape_for_terminal(std::string("nul\0x", 5)) == "nul\\x00x");
  CHECK(escape_for_terminal("\x7f") == "\\x7f");
  CHECK(escape_for_terminal("\xff\xfe") == "\\xff\\xfe");           // not UTF-8
  CHECK(escape_for_terminal("\xc3") == "\\xc3");                    // truncated sequence
  CHECK(escape_for_terminal("\xc0\xaf") == "\\xc0\\xaf");           // overlong '/'
  CHECK(escape_for_terminal("\xed\xa0\x80") == "\\xed\\xa0\\x80");  // a surrogate
  CHECK(escape_for_terminal("\xc2\x85") == "\\xc2\\x85");           // C1 control (NEL)
}

TEST_CASE("error_json carries code, kind, message and location", "[cli][errors]") {
  const wfm::core::Location where{"h.csv", 3, "offered"};
  const auto j = error_json(2, "input", "h.csv:3: bad \xff", &where);
  CHECK(j.at("error").at("exit_code") == 2);
  CHECK(j.at("error").at("kind") == "input");
  CHECK(j.at("error").at("message") == "h.csv:3: bad \\xff");
  CHECK(j.at("error").at("file") == "h.csv");
  CHECK(j.at("error").at("line") == 3);
  CHECK(j.at("error").at("field") == "offered");
  const auto bare = error_json(3, "internal", "x");
  CHECK_FALSE(bare.at("error").contains("file"));
  CHECK_NOTHROW(bare.dump());
}

TEST_CASE("wfm with --json prints errors as a JSON object on stdout", "[cli][errors]") {
  const auto r = run_wfm({"erlang", "--calls", "100", "--aht", "180", "--sl", "1.2", "--json"});
  CHECK(r.code == 2);
  CHECK_THAT(r.err, Catch::Matchers::StartsWith("wfm: error: --sl: "));
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j.at("error").at("exit_code") == 2);
  CHECK(j.at("error").at("kind") == "input");
  CHECK(j.at("error").at("field") == "--sl");
  CHECK_THAT(j.at("error").at("message").get<std::string>(), Catch::Matchers::StartsWith("--sl: "));

  TempDir dir("json_err");
  const auto r2 = run_wfm({"forecast", "--history", dir.file("missing.csv"), "--horizon", "7d",
                           "--out", dir.file("f.csv"), "--json"});
  CHECK(r2.code == 2);
  const auto j2 = nlohmann::json::parse(r2.out);
  CHECK(j2.at("error").at("file") == dir.file("missing.csv"));

  // Without --json, stdout stays empty.
  const auto r3 = run_wfm({"erlang", "--calls", "100", "--aht", "180", "--sl", "1.2"});
  CHECK(r3.code == 2);
  CHECK(r3.out.empty());
}

TEST_CASE("an unknown command is refused with the closest command suggested", "[cli][errors]") {
  auto r = run_wfm({"stafff", "--demand", "x.csv"});
  CHECK(r.code == 2);
  CHECK(r.err == "wfm: error: unknown command 'stafff'; did you mean 'staff'?\n");
  r = run_wfm({"simulte"});
  CHECK(r.err == "wfm: error: unknown command 'simulte'; did you mean 'simulate'?\n");
  r = run_wfm({"frobnicate"});
  CHECK(r.code == 2);
  CHECK(r.err == "wfm: error: unknown command 'frobnicate' (see wfm help)\n");
  r = run_wfm({"help", "erlnag"});
  CHECK(r.code == 2);
  CHECK(r.err == "wfm: error: unknown command 'erlnag'; did you mean 'erlang'?\n");
  r = run_wfm({"stafff", "--json"});
  CHECK(nlohmann::json::parse(r.out).at("error").at("kind") == "usage");
}

TEST_CASE("binary garbage in a CSV is not echoed raw", "[cli][errors]") {
  TempDir dir("garbage");
  write_file(dir.path / "bin.csv", std::string("\x7f"
                                               "ELF\x02\x01\x01\x00\x1b[31m\xff\xfe,q\n1,2\n",
                                               19));
  const auto r = run_wfm({"staff", "--demand", dir.file("bin.csv"), "--sl", "0.8", "--aht", "180",
                          "--out", dir.file("p.csv")});
  CHECK(r.code == 2);
  INFO(r.err);
  for (const char c : r.err) {
    const auto b = static_cast<unsigned char>(c);
    CHECK((b == '\n' || (b >= 0x20 && b < 0x7f)));
  }
  CHECK_FALSE(std::filesystem::exists(dir.path / "p.csv"));
}
