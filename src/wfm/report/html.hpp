// HTML building blocks for the self-contained reports (report.html of `wfm plan`, the what-if
// comparison): escaping, number formatting that never prints "nan" or "inf", tables, sections and
// the page skeleton with its inline CSS (no scripts, no external fonts, no network).
//
// Everything that comes from data (queue names, labels, assumption values) goes through escape();
// functions taking `_html` arguments take markup the caller built with these helpers. Numbers that
// are not finite are shown as an en dash. Tested in tests/unit/report/html_test.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace wfm::report {

// Escapes & < > " ' for use in text and in double- or single-quoted attribute values.
std::string escape(std::string_view text);
void append_escaped(std::string& out, std::string_view text);

// What is shown for a missing or non-finite number.
inline constexpr std::string_view kNoValue = "\u2013";

// 12345.678 -> "12,345.7" (decimals = 1). Thousands separated by commas; "-0" is shown as "0";
// non-finite -> kNoValue.
std::string format_number(double value, int decimals);
std::string format_number(const std::optional<double>& value, int decimals);
// A fraction as a percentage: 0.8 -> "80.0%" (decimals = 1).
std::string format_percent(double fraction, int decimals = 1);
std::string format_percent(const std::optional<double>& fraction, int decimals = 1);
// A signed change: +1.5, -2.0, and "0.0" (no sign) when it rounds to zero; `suffix` is appended
// (" pp", " s"). Non-finite -> kNoValue.
std::string format_delta(double value, int decimals, std::string_view suffix = {});

// One table cell. Text is escaped when rendered; `sub` is a second, smaller line (a delta).
struct Cell {
  Cell() = default;
  Cell(std::string text_) : text(std::move(text_)) {}  // NOLINT: implicit from text on purpose
  Cell(const char* text_) : text(text_) {}             // NOLINT
  std::string text;
  bool numeric = false;    // right-aligned, tabular figures
  std::string sub;         // optional second line (e.g. "+1.2 vs base")
  std::string title;       // tooltip
  std::string background;  // CSS color, e.g. "#fdd49e"; empty: none
  std::string color;       // CSS text color; empty: default
  std::string css_class;   // extra class names (e.g. "miss", "base")
};

// A numeric cell.
Cell num_cell(std::string text, std::string sub = {});

struct Table {
  std::string caption;                    // empty: none
  std::string css_class;                  // extra class on <table>
  std::vector<Cell> header;               // one header row
  std::vector<std::vector<Cell>> rows;    // body rows
  std::vector<std::vector<Cell>> footer;  // optional totals rows (<tfoot>)
};

std::string render_table(const Table& table);

// <section id="id"><h2>heading</h2>inner_html</section>. `id` must be a plain identifier
// ([A-Za-z0-9_-]); heading is escaped.
std::string render_section(std::string_view id, std::string_view heading,
                           std::string_view inner_html);

// A definition list of key/value pairs (both escaped), e.g. the assumptions.
std::string render_key_values(const std::vector<std::pair<std::string, std::string>>& items);

// A prominent box listing warnings (escaped); empty string when there are none.
std::string render_warnings(const std::vector<std::string>& warnings);

// The whole document: doctype, <head> with charset, title (escaped) and the inline stylesheet,
// then <body><main>body_html</main></body>.
std::string render_page(std::string_view title, std::string_view body_html);

// The stylesheet embedded by render_page (exposed for tests).
std::string_view page_css();

}  // namespace wfm::report
