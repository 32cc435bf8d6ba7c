// wfm::report HTML helpers (src/wfm/report/html.hpp): escaping, number formatting (never "nan"),
// tables, sections, warnings and the page skeleton.
#include <catch2/catch.hpp>

#include <limits>
#include <string>

#include "unit/report/page_checks.hpp"
#include "wfm/report/html.hpp"

using namespace wfm::report;
using wfm::report::test::non_finite_text;
using wfm::report::test::self_contained;
using wfm::report::test::tag_balance_error;

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();
}  // namespace

TEST_CASE("escape replaces the five HTML-special characters", "[report][html]") {
  CHECK(escape("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
  CHECK(escape("plain text, é ü") == "plain text, é ü");
  CHECK(escape("") == "");
  CHECK(escape("&amp;") == "&amp;amp;");  // escaping is not idempotent, on purpose
}

TEST_CASE("format_number groups thousands, rounds and hides non-finite values", "[report][html]") {
  CHECK(format_number(12345.678, 1) == "12,345.7");
  CHECK(format_number(-1234567.0, 0) == "-1,234,567");
  CHECK(format_number(999.96, 1) == "1,000.0");
  CHECK(format_number(123.0, 2) == "123.00");
  CHECK(format_number(-0.04, 1) == "0.0");  // no "-0.0"
  CHECK(format_number(kNaN, 1) == kNoValue);
  CHECK(format_number(kInf, 1) == kNoValue);
  CHECK(format_number(-kInf, 0) == kNoValue);
  CHECK(format_number(std::optional<double>{}, 1) == kNoValue);
  CHECK(format_number(std::optional<double>{2.5}, 1) == "2.5");
}

TEST_CASE("format_percent and format_delta", "[report][html]") {
  CHECK(format_percent(0.8) == "80.0%");
  CHECK(format_percent(0.8123, 2) == "81.23%");
  CHECK(format_percent(kNaN) == kNoValue);
  CHECK(format_percent(std::optional<double>{}) == kNoValue);
  CHECK(format_delta(1.5, 1) == "+1.5");
  CHECK(format_delta(-2, 1, " pp") == "\u22122.0 pp");
  CHECK(format_delta(-1234.4, 0) == "\u22121,234");
  CHECK(format_delta(0.01, 1) == "0.0");  // rounds to zero: no sign
  CHECK(format_delta(-0.01, 1) == "0.0");
  CHECK(format_delta(kInf, 1, " s") == kNoValue);
}

TEST_CASE("render_table escapes every cell and marks numeric ones", "[report][html]") {
  Table t;
  t.caption = "Queues <all>";
  t.header = {Cell("queue"), num_cell("calls")};
  Cell name("A & <B> \"C\"");
  name.title = "it's";
  t.rows.push_back({name, num_cell("1,234", "+5")});
  t.footer.push_back({Cell("Total"), num_cell("1,234")});
  std::string html = render_table(t);
  CHECK(html.find("<caption>Queues &lt;all&gt;</caption>") != std::string::npos);
  CHECK(html.find("<td title=\"it&#39;s\">A &amp; &lt;B&gt; &quot;C&quot;</td>") !=
        std::string::npos);
  CHECK(html.find("<td class=\"num\">1,234<span class=\"sub\">+5</span></td>") !=
        std::string::npos);
  CHECK(html.find("<th class=\"num\">calls</th>") != std::string::npos);
  CHECK(html.find("<tfoot>") != std::string::npos);
  CHECK(tag_balance_error(html) == "");
}

TEST_CASE("cell colors and classes are attributes, escaped", "[report][html]") {
  Table t;
  Cell c = num_cell("1");
  c.background = "#fff\"><x";
  c.css_class = "miss";
  t.rows.push_back({c});
  std::string html = render_table(t);
  CHECK(html.find("class=\"num miss\"") != std::string::npos);
  CHECK(html.find("background:#fff&quot;&gt;&lt;x;") != std::string::npos);
  CHECK(tag_balance_error(html) == "");
}

TEST_CASE("sections, key/values and warnings", "[report][html]") {
  std::string s = render_section("summary", "Summary & <more>", "<p>x</p>");
  CHECK(s.find("<section id=\"summary\">") != std::string::npos);
  CHECK(s.find("<h2>Summary &amp; &lt;more&gt;</h2>") != std::string::npos);
  std::string kv = render_key_values({{"b<", "2"}, {"a", "1&"}});
  CHECK(kv.find("<dt>b&lt;</dt><dd>2</dd>") < kv.find("<dt>a</dt><dd>1&amp;</dd>"));  // in order
  CHECK(render_warnings({}) == "");
  std::string w = render_warnings({"one <b>", "two"});
  CHECK(w.find("2 warnings") != std::string::npos);
  CHECK(w.find("<li>one &lt;b&gt;</li>") != std::string::npos);
  CHECK(render_warnings({"x"}).find("1 warning<") != std::string::npos);
  for (const auto& html : {s, kv, w}) CHECK(tag_balance_error(html) == "");
}

TEST_CASE("the page skeleton is self-contained and well formed", "[report][html]") {
  std::string page = render_page("Plan <q> & \"r\"", "<p>body</p>");
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("<meta charset=\"utf-8\">") != std::string::npos);
  CHECK(page.find("<title>Plan &lt;q&gt; &amp; &quot;r&quot;</title>") != std::string::npos);
  CHECK(page.find("<style>") != std::string::npos);
  CHECK(page.find("<main>\n<p>body</p></main>") != std::string::npos);
  CHECK(tag_balance_error(page) == "");
  CHECK(self_contained(page));
  CHECK(non_finite_text(page) == "");
  CHECK(page_css().find("url(") == std::string_view::npos);  // no fonts or images fetched
}

TEST_CASE("the page checks themselves catch what they look for", "[report][html]") {
  CHECK(tag_balance_error("<div><p></div>") != "");
  CHECK(tag_balance_error("<div>") != "");
  CHECK(tag_balance_error("<svg><path d=\"M0,0\"/></svg>") == "");
  CHECK(non_finite_text("x=\"nan\"") != "");
  CHECK(non_finite_text("<td>-inf</td>") != "");
  CHECK(non_finite_text("infeasible intervals, Infinity") != "");
  CHECK(non_finite_text("infeasible intervals, information, finance") == "");
  CHECK_FALSE(self_contained("<img src=\"a.png\">"));
  CHECK_FALSE(self_contained("see https://example.org"));
}
