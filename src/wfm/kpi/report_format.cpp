#include "wfm/kpi/report_format.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "wfm/io/csv_writer.hpp"

namespace wfm::kpi {
namespace {

enum class Kind { count, rate, seconds, score, hours, money, other };

Kind kind_of(std::string_view column) {
  if (column.ends_with("_delta")) column.remove_suffix(6);
  for (std::size_t k = 0; k < kpi_count; ++k) {
    const auto kpi = static_cast<Kpi>(k);
    if (kpi_name(kpi) != column) continue;
    if (kpi_is_count(kpi)) return Kind::count;
    switch (kpi) {
      case Kpi::abandon_rate:
      case Kpi::service_level:
      case Kpi::transfer_rate:
      case Kpi::fcr_rate:
      case Kpi::repeat_rate:
      case Kpi::csat:
      case Kpi::occupancy:
      case Kpi::utilization:
      case Kpi::shrinkage:
      case Kpi::adherence:
      case Kpi::wape:
      case Kpi::forecast_bias:
        return Kind::rate;
      case Kpi::asa_s:
      case Kpi::avg_abandon_wait_s:
      case Kpi::aht_s:
      case Kpi::talk_s:
      case Kpi::hold_s:
      case Kpi::acw_s:
        return Kind::seconds;
      case Kpi::nps:
      case Kpi::ces:
        return Kind::score;
      case Kpi::logged_in_hours:
      case Kpi::scheduled_hours:
        return Kind::hours;
      case Kpi::cost_per_contact:
        return Kind::money;
      default:
        return Kind::other;
    }
  }
  return Kind::other;
}

std::string human_value(std::string_view column, const std::optional<double>& v) {
  if (!v) return "-";
  const bool delta = column.ends_with("_delta");
  const double x = *v;
  const char* sign = delta && x > 0 ? "+" : "";
  switch (kind_of(column)) {
    case Kind::count:
      return fmt::format("{}{:.0f}", sign, x);
    case Kind::rate:
      return delta ? fmt::format("{}{:.1f} pt", sign, 100 * x) : fmt::format("{:.1f}%", 100 * x);
    case Kind::seconds:
      return fmt::format("{}{:.1f}", sign, x);
    case Kind::score:
      return fmt::format("{}{:.2f}", sign, x);
    case Kind::hours:
      return fmt::format("{}{:.1f}", sign, x);
    case Kind::money:
      return fmt::format("{}{:.2f}", sign, x);
    case Kind::other:
      return fmt::format("{}{:.2f}", sign, x);
  }
  return "?";
}

// Columns with at least one value.
std::vector<std::size_t> shown_columns(const KpiReport& r, std::vector<std::string>* hidden) {
  std::vector<std::size_t> shown;
  for (std::size_t c = 0; c < r.value_columns.size(); ++c) {
    const bool any = std::any_of(r.rows.begin(), r.rows.end(), [&](const KpiReport::Row& row) {
      return row.values[c].has_value();
    });
    if (any) {
      shown.push_back(c);
    } else if (hidden && !r.value_columns[c].ends_with("_delta")) {
      hidden->push_back(r.value_columns[c]);
    }
  }
  return shown;
}

std::string key_text(const std::string& key) {
  return key.empty() ? "(none)" : key;
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += ", ";
    out += i;
  }
  return out;
}

void write_table(const KpiReport& r, std::ostream& out) {
  out << "wfm kpi report\n";
  std::size_t width = 0;
  for (const auto& [name, value] : r.parameters) width = std::max(width, name.size());
  for (const auto& [name, value] : r.parameters) {
    out << fmt::format("  {:<{}}  {}\n", name, width, value);
  }
  for (const auto& note : r.notes) out << "note: " << note << "\n";
  std::vector<std::string> hidden;
  const auto shown = shown_columns(r, &hidden);
  if (!hidden.empty()) out << "no data: " << join(hidden) << "\n";
  out << "\n";
  if (r.rows.empty()) {
    out << "(no contacts)\n";
    return;
  }
  if (r.rows.size() == 1) {
    const auto& row = r.rows[0];
    for (std::size_t k = 0; k < r.key_columns.size(); ++k) {
      out << fmt::format("{:<26} {:>14}\n", r.key_columns[k], key_text(row.keys[k]));
    }
    for (std::size_t c : shown) {
      out << fmt::format("{:<26} {:>14}\n", r.value_columns[c],
                         human_value(r.value_columns[c], row.values[c]));
    }
    return;
  }
  std::vector<std::string> header = r.key_columns;
  for (std::size_t c : shown) header.push_back(r.value_columns[c]);
  std::vector<std::vector<std::string>> cells;
  for (const auto& row : r.rows) {
    std::vector<std::string> line;
    for (const auto& k : row.keys) line.push_back(key_text(k));
    for (std::size_t c : shown) line.push_back(human_value(r.value_columns[c], row.values[c]));
    cells.push_back(std::move(line));
  }
  std::vector<std::size_t> widths(header.size());
  for (std::size_t i = 0; i < header.size(); ++i) {
    widths[i] = header[i].size();
    for (const auto& line : cells) widths[i] = std::max(widths[i], line[i].size());
  }
  const std::size_t keys = r.key_columns.size();
  auto print = [&](const std::vector<std::string>& line) {
    std::string text;
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (i) text += "  ";
      text += i < keys ? fmt::format("{:<{}}", line[i], widths[i])
                       : fmt::format("{:>{}}", line[i], widths[i]);
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out << text << "\n";
  };
  print(header);
  for (const auto& line : cells) print(line);
}

void write_markdown(const KpiReport& r, std::ostream& out) {
  auto escape = [](std::string s) {
    std::string o;
    for (char c : s) {
      if (c == '|')
        o += "\\|";
      else if (c == '\n')
        o += ' ';
      else
        o += c;
    }
    return o;
  };
  out << "## wfm kpi report\n\n";
  for (const auto& [name, value] : r.parameters) {
    out << "- **" << name << "**: " << escape(value) << "\n";
  }
  out << "\n";
  for (const auto& note : r.notes) out << "> note: " << escape(note) << "\n>\n";
  std::vector<std::string> hidden;
  const auto shown = shown_columns(r, &hidden);
  if (!hidden.empty()) out << "No data: " << join(hidden) << ".\n\n";
  if (r.rows.empty()) {
    out << "(no contacts)\n";
    return;
  }
  std::string head = "|", rule = "|";
  for (const auto& k : r.key_columns) {
    head += fmt::format(" {} |", k);
    rule += " --- |";
  }
  for (std::size_t c : shown) {
    head += fmt::format(" {} |", r.value_columns[c]);
    rule += " ---: |";
  }
  out << head << "\n" << rule << "\n";
  for (const auto& row : r.rows) {
    std::string line = "|";
    for (const auto& k : row.keys) line += fmt::format(" {} |", escape(key_text(k)));
    for (std::size_t c : shown) {
      line += fmt::format(" {} |", human_value(r.value_columns[c], row.values[c]));
    }
    out << line << "\n";
  }
}

void write_csv(const KpiReport& r, std::ostream& out) {
  for (const auto& [name, value] : r.parameters) out << "# " << name << ": " << value << "\n";
  for (const auto& note : r.notes) {
    std::string flat = note;
    std::replace(flat.begin(), flat.end(), '\n', ' ');
    out << "# note: " << flat << "\n";
  }
  io::CsvWriter w(out);
  for (const auto& k : r.key_columns) w.field(k);
  for (const auto& v : r.value_columns) w.field(v);
  w.end_row();
  for (const auto& row : r.rows) {
    for (const auto& k : row.keys) w.field(k);
    for (const auto& v : row.values) w.field(v);
    w.end_row();
  }
}

void write_json(const KpiReport& r, std::ostream& out) {
  nlohmann::ordered_json j;
  j["parameters"] = nlohmann::ordered_json::object();
  for (const auto& [name, value] : r.parameters) j["parameters"][name] = value;
  j["notes"] = r.notes;
  auto& read = j["rows_read"];
  read["rows"] = r.read.rows;
  read["contacts"] = r.read.contacts;
  read["excluded"] = nlohmann::ordered_json::object();
  for (const auto& [reason, n] : r.read.excluded) read["excluded"][reason] = n;
  read["bad_rows_skipped"] = r.read.bad_rows;
  read["bad_row_lines"] = nlohmann::ordered_json::array();
  for (const auto& b : r.read.bad) read["bad_row_lines"].push_back(b.line);
  read["answers_clamped_to_arrival"] = r.read.clamped_answers;
  auto& dup = read["duplicate_ids"];
  dup["identical_rows"] = r.read.duplicate_rows;
  dup["conflicting_rows"] = r.read.conflicting_rows;
  dup["dropped"] = r.read.dropped_duplicates;
  dup["first"] = nlohmann::ordered_json::array();
  for (const auto& d : r.read.duplicates) {
    dup["first"].push_back(nlohmann::ordered_json{
        {"id", d.id}, {"line", d.line}, {"first_line", d.first_line}, {"identical", d.identical}});
  }
  std::vector<std::string> columns = r.key_columns;
  columns.insert(columns.end(), r.value_columns.begin(), r.value_columns.end());
  j["columns"] = columns;
  j["rows"] = nlohmann::ordered_json::array();
  for (const auto& row : r.rows) {
    nlohmann::ordered_json o;
    for (std::size_t k = 0; k < r.key_columns.size(); ++k) o[r.key_columns[k]] = row.keys[k];
    for (std::size_t c = 0; c < r.value_columns.size(); ++c) {
      if (row.values[c])
        o[r.value_columns[c]] = *row.values[c];
      else
        o[r.value_columns[c]] = nullptr;
    }
    j["rows"].push_back(std::move(o));
  }
  out << j.dump(2) << "\n";
}

}  // namespace

std::optional<ReportFormat> parse_report_format(std::string_view text) {
  if (text == "table") return ReportFormat::table;
  if (text == "csv") return ReportFormat::csv;
  if (text == "json") return ReportFormat::json;
  if (text == "markdown" || text == "md") return ReportFormat::markdown;
  return std::nullopt;
}

void write_report(const KpiReport& r, ReportFormat format, std::ostream& out) {
  switch (format) {
    case ReportFormat::table:
      write_table(r, out);
      break;
    case ReportFormat::csv:
      write_csv(r, out);
      break;
    case ReportFormat::json:
      write_json(r, out);
      break;
    case ReportFormat::markdown:
      write_markdown(r, out);
      break;
  }
}

}  // namespace wfm::kpi
