#include "wfm/report/html.hpp"

#include <cmath>
#include <utility>

#include <fmt/format.h>

namespace wfm::report {

void append_escaped(std::string& out, std::string_view text) {
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
}

std::string escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_escaped(out, text);
  return out;
}

namespace {

// Inserts a comma every three digits of the integer part of an already formatted number.
std::string group_thousands(const std::string& plain) {
  std::size_t start = (!plain.empty() && plain[0] == '-') ? 1 : 0;
  std::size_t dot = plain.find('.');
  std::size_t int_end = dot == std::string::npos ? plain.size() : dot;
  std::size_t digits = int_end - start;
  if (digits <= 3) return plain;
  std::string out = plain.substr(0, start);
  for (std::size_t i = start; i < int_end; ++i) {
    if (i > start && (int_end - i) % 3 == 0) out += ',';
    out += plain[i];
  }
  out += plain.substr(int_end);
  return out;
}

bool is_negative_zero_text(const std::string& s) {
  if (s.empty() || s[0] != '-') return false;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (s[i] != '0' && s[i] != '.') return false;
  }
  return true;
}

}  // namespace

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value)) return std::string(kNoValue);
  if (decimals < 0) decimals = 0;
  std::string plain = fmt::format("{:.{}f}", value, decimals);
  if (is_negative_zero_text(plain)) plain.erase(0, 1);
  return group_thousands(plain);
}

std::string format_number(const std::optional<double>& value, int decimals) {
  return value ? format_number(*value, decimals) : std::string(kNoValue);
}

std::string format_percent(double fraction, int decimals) {
  if (!std::isfinite(fraction)) return std::string(kNoValue);
  return format_number(fraction * 100.0, decimals) + "%";
}

std::string format_percent(const std::optional<double>& fraction, int decimals) {
  return fraction ? format_percent(*fraction, decimals) : std::string(kNoValue);
}

std::string format_delta(double value, int decimals, std::string_view suffix) {
  if (!std::isfinite(value)) return std::string(kNoValue);
  std::string text = format_number(value, decimals);
  bool zero = text.find_first_not_of("0.,") == std::string::npos;
  std::string out;
  if (!zero && value > 0) out = "+";
  if (!zero && value < 0) out = "\u2212";  // a real minus sign
  out.append(text, !zero && value < 0 ? 1 : 0);
  out += suffix;
  return out;
}

Cell num_cell(std::string text, std::string sub) {
  Cell cell(std::move(text));
  cell.numeric = true;
  cell.sub = std::move(sub);
  return cell;
}

namespace {

void append_cell(std::string& out, const Cell& cell, const char* tag) {
  out += '<';
  out += tag;
  std::string classes = cell.numeric ? "num" : "";
  if (!cell.css_class.empty()) {
    if (!classes.empty()) classes += ' ';
    classes += cell.css_class;
  }
  if (!classes.empty()) {
    out += " class=\"";
    append_escaped(out, classes);
    out += '"';
  }
  if (!cell.background.empty() || !cell.color.empty()) {
    out += " style=\"";
    if (!cell.background.empty()) {
      out += "background:";
      append_escaped(out, cell.background);
      out += ';';
    }
    if (!cell.color.empty()) {
      out += "color:";
      append_escaped(out, cell.color);
      out += ';';
    }
    out += '"';
  }
  if (!cell.title.empty()) {
    out += " title=\"";
    append_escaped(out, cell.title);
    out += '"';
  }
  out += '>';
  append_escaped(out, cell.text);
  if (!cell.sub.empty()) {
    out += "<span class=\"sub\">";
    append_escaped(out, cell.sub);
    out += "</span>";
  }
  out += "</";
  out += tag;
  out += '>';
}

void append_rows(std::string& out, const std::vector<std::vector<Cell>>& rows, const char* tag) {
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& cell : row) append_cell(out, cell, tag);
    out += "</tr>\n";
  }
}

}  // namespace

std::string render_table(const Table& table) {
  std::string out = "<div class=\"table-wrap\"><table";
  if (!table.css_class.empty()) {
    out += " class=\"";
    append_escaped(out, table.css_class);
    out += '"';
  }
  out += ">\n";
  if (!table.caption.empty()) {
    out += "<caption>";
    append_escaped(out, table.caption);
    out += "</caption>\n";
  }
  if (!table.header.empty()) {
    out += "<thead><tr>";
    for (const auto& cell : table.header) append_cell(out, cell, "th");
    out += "</tr></thead>\n";
  }
  out += "<tbody>\n";
  append_rows(out, table.rows, "td");
  out += "</tbody>\n";
  if (!table.footer.empty()) {
    out += "<tfoot>\n";
    append_rows(out, table.footer, "td");
    out += "</tfoot>\n";
  }
  out += "</table></div>\n";
  return out;
}

std::string render_section(std::string_view id, std::string_view heading,
                           std::string_view inner_html) {
  std::string out = "<section id=\"";
  append_escaped(out, id);
  out += "\">\n<h2>";
  append_escaped(out, heading);
  out += "</h2>\n";
  out += inner_html;
  out += "</section>\n";
  return out;
}

std::string render_key_values(const std::vector<std::pair<std::string, std::string>>& items) {
  std::string out = "<dl class=\"kv\">\n";
  for (const auto& [key, value] : items) {
    out += "<dt>";
    append_escaped(out, key);
    out += "</dt><dd>";
    append_escaped(out, value);
    out += "</dd>\n";
  }
  out += "</dl>\n";
  return out;
}

std::string render_warnings(const std::vector<std::string>& warnings) {
  if (warnings.empty()) return {};
  std::string out =
      fmt::format("<div class=\"warnings\" role=\"alert\">\n<h2>{} warning{}</h2>\n<ul>\n",
                  warnings.size(), warnings.size() == 1 ? "" : "s");
  for (const auto& w : warnings) {
    out += "<li>";
    append_escaped(out, w);
    out += "</li>\n";
  }
  out += "</ul>\n</div>\n";
  return out;
}

std::string_view page_css() {
  return R"css(
:root{--fg:#1d2430;--muted:#5b6575;--line:#d9dee6;--bg:#ffffff;--band:#f5f7fa;--accent:#1f5fa8}
*{box-sizing:border-box}
body{margin:0;background:#eef1f5;color:var(--fg);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1340px;margin:0 auto;padding:20px 24px 48px;background:var(--bg)}
header.top{border-bottom:2px solid var(--accent);margin-bottom:16px;padding-bottom:8px}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:19px;margin:28px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:18px 0 6px}
.meta{color:var(--muted);font-size:13px}
.headline{display:flex;flex-wrap:wrap;gap:10px;margin:16px 0 8px}
.headline .figure{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:110px}
.headline .label{color:var(--muted);font-size:12px}
.headline .value{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}
.headline .delta{font-size:12px;color:var(--muted)}
nav.toc{font-size:13px;margin:8px 0 0}
nav.toc a{color:var(--accent);margin-right:14px;text-decoration:none}
.warnings{border:2px solid #c0392b;background:#fdecea;color:#7b1d13;border-radius:6px;padding:8px 16px;margin:16px 0}
.warnings h2{border:0;margin:4px 0;font-size:16px;color:#a52a1c}
.warnings ul{margin:4px 0 6px;padding-left:20px}
.table-wrap{overflow-x:auto;margin:6px 0 14px}
table{border-collapse:collapse;font-size:13px}
caption{text-align:left;font-weight:600;padding:4px 0;color:var(--muted)}
th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;white-space:nowrap;vertical-align:top}
th{background:var(--band);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
tfoot td{font-weight:600;border-top:2px solid var(--fg)}
tbody tr:hover td{filter:brightness(.96)}
td.miss{color:#b0271a;font-weight:600}
td.base,th.base{outline:2px solid var(--fg);outline-offset:-2px}
td.base-row{background:#eef4fb;font-weight:600}
.sub{display:block;font-size:11px;color:var(--muted);font-weight:400}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:2px 18px;margin:6px 0 14px}
dl.kv dt{font-weight:600;color:var(--muted)}
dl.kv dd{margin:0}
figure.chart{margin:10px 0 18px}
figure.chart figcaption{font-weight:600;font-size:14px;margin:0 0 2px}
figure.chart svg{display:block;width:100%;height:auto}
svg text{font-family:inherit;fill:#3a4352}
svg .axis{stroke:#8893a3;stroke-width:1}
svg .grid{stroke:#e6e9ef;stroke-width:1}
svg .axis-break{fill:#eef1f5}
svg .hov{fill:#1d2430;fill-opacity:0}
svg .hov:hover{fill-opacity:.07}
.note{color:var(--muted);font-size:12px}
.heat td.num{min-width:84px}
.heat td.num .sub{color:inherit;opacity:.8}
.heat-grid{display:flex;flex-wrap:wrap;gap:0 40px;align-items:flex-start}
.legend-scale{display:inline-block;width:160px;height:10px;vertical-align:middle;margin:0 6px}
@media print{body{background:#fff}main{padding:0}}
)css";
}

std::string render_page(std::string_view title, std::string_view body_html) {
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>";
  append_escaped(out, title);
  out += "</title>\n<style>";
  out += page_css();
  out += "</style>\n</head>\n<body>\n<main>\n";
  out += body_html;
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace wfm::report
