// Erlang B and C against values printed in published tables, manuals and worked examples, each
// compared at its printed precision: half a unit in the last printed digit. Values that invert a
// formula (servers for a blocking target, traffic for a wait target, ...) are checked by showing
// that the exact root lies within half a unit of the printed figure (the formula, being monotone,
// changes sign across that interval). Sources are listed in docs/references.md.
//
// Erlang A: no published numerical value (table or worked example with all inputs stated) could be
// found in the sources available to us: the Garnett-Mandelbaum-Reiman (2002) and Mandelbaum-Zeltyn
// (2004/2005) papers and the 4CallCenters documentation were found only as abstracts or tables of
// contents, and the one worked example found (Call Centre Helper forum, "SLA and Abandon Formulas
// in Erlang": 50 calls per 30 min, 9 agents, AHT 240 s -> 74.2% SL, 7.3% abandoned) does not
// state the patience. Erlang A is therefore validated only against the 50-digit reference
// (reference_test.cpp), not against published values.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <functional>
#include <iomanip>
#include <sstream>
#include <string>

#include "unit/staffing/reference.hpp"
#include "wfm/staffing/erlang_b.hpp"
#include "wfm/staffing/erlang_c.hpp"

namespace wfm::staffing {
namespace {

// |value - printed| <= half_unit (with a 1e-12 relative slack for the decimal->binary rounding
// of the printed figure itself).
void check_printed(double value, double printed, double half_unit) {
  std::ostringstream os;
  os << std::setprecision(12) << "computed " << value << ", printed " << printed << " +- "
     << half_unit;
  INFO(os.str());
  CHECK(std::abs(value - printed) <= half_unit + 1e-12 * std::abs(printed));
}

// The root x* of f(x) = target lies within printed +- half_unit: f - target changes sign (or
// vanishes) across that interval. f must be monotone there.
void check_root_printed(const std::function<double(double)>& f, double target, double printed,
                        double half_unit) {
  const double lo = f(printed - half_unit) - target, hi = f(printed + half_unit) - target;
  std::ostringstream os;
  os << std::setprecision(12) << "f(" << printed - half_unit << ") - target = " << lo << ", f("
     << printed + half_unit << ") - target = " << hi;
  INFO(os.str());
  CHECK(lo * hi <= 0);
}

double asa(double n, double a, double aht_s) {
  return erlang_c(n, a, aht_s, 0).asa_s;
}
double service_level(double n, double a, double aht_s, double t_s) {
  return erlang_c(n, a, aht_s, t_s).service_level;
}
double queue_length(double n, double a) {
  return erlang_c(n, a, 1, 0).mean_queue_length;
}

}  // namespace

// ------------------------------------------------------------------------------------------------
// Erlang B

TEST_CASE("Erlang B: Abstract Micro Systems, Erlang Library for Excel, function reference",
          "[erlang_b][published]") {
  // Source: Abstract Micro Systems, "Erlang Library for Excel - Function Reference" (help pages,
  // Excel 2003-2010 era, undated), http://abstractmicro.com/erlang/helppages/ . The library
  // evaluates B for non-integer servers through Excel's GAMMALN/GAMMADIST, i.e. the same
  // incomplete-gamma continuous extension as wfm (erlang_b.hpp).
  SECTION("ErlbBlockage (ref-erlbblockage.htm)") {
    check_printed(erlang_b(3, 10.4), 0.7411421, 0.5e-7);   // "=ErlbBlockage( 3, 10.4)"
    check_printed(erlang_b(32.4, 30), 0.0897575, 0.5e-7);  // "=ErlbBlockage( 32.4, 30)"
    // The 50-digit reference agrees at the integer point.
    check_printed(reference::to_double(reference::erlang_b(3, reference::Real("10.4"))), 0.7411421,
                  0.5e-7);
  }
  SECTION("ErlbNsrvFromBlockage: servers for a blocking target (ref-erlbnsrvfromblockage.htm)") {
    // "=ErlbNsrvFromBlockage( 0.01, 10)" -> 17.44497; "( 0.05, 10)" -> 14.30043; and the case
    // study "ErlbNsrvFromBlockage(0.01, 15.7) = 24.4889".
    check_root_printed([](double n) { return erlang_b(n, 10); }, 0.01, 17.44497, 0.5e-5);
    check_root_printed([](double n) { return erlang_b(n, 10); }, 0.05, 14.30043, 0.5e-5);
    check_root_printed([](double n) { return erlang_b(n, 15.7); }, 0.01, 24.4889, 0.5e-4);
  }
  SECTION("ErlbTrafFromBlockage: traffic for a blocking target (ref-erlbtraffromblockage.htm)") {
    // "=ErlbTrafFromBlockage( 0.01, 17)" -> 9.65160; "( 0.05, 17)" -> 12.4613;
    // "( 0.05, 17.5)" -> 12.9225.
    check_root_printed([](double a) { return erlang_b(17, a); }, 0.01, 9.65160, 0.5e-5);
    check_root_printed([](double a) { return erlang_b(17, a); }, 0.05, 12.4613, 0.5e-4);
    check_root_printed([](double a) { return erlang_b(17.5, a); }, 0.05, 12.9225, 0.5e-4);
    // The case study prints "ErlbTrafFromBlockage(0.01, 25) = 16.1245 erlangs": truncated, not
    // rounded (the 50-digit reference gives 16.12455542...), so the root is checked in
    // [16.1245, 16.1246].
    check_root_printed([](double a) { return erlang_b(25, a); }, 0.01, 16.12455, 0.5e-4);
  }
}

TEST_CASE("Erlang B: Westbay Engineers, Erlang calculator manual", "[erlang_b][published]") {
  // Source: Westbay Engineers Ltd, "Erlang for Windows" calculator manual, worked examples.
  SECTION("How much traffic? (calculatormanual/howmuchtrafficcanatrunkgrouphandle.htm)") {
    // "15 lines ... one call in one hundred will be blocked ... the figure 8.108 will be displayed
    // in the B.H.T. edit box".
    check_root_printed([](double a) { return erlang_b(15, a); }, 0.01, 8.108, 0.5e-3);
  }
  SECTION("Call minutes calculator (calculatormanual/minutes_howmanylines.htm)") {
    // "offered 50000 minutes of traffic per day ... 3% of calls will be blocked ... 19% of daily
    // calls are made during the busiest hour ... 168 lines ... equates to 158.333 Erlangs".
    const double a = 50000.0 * 0.19 / 60.0;
    check_printed(a, 158.333, 0.5e-3);
    CHECK(erlang_b(168, a) <= 0.03);  // 168 lines meet 3% ...
    CHECK(erlang_b(167, a) > 0.03);   // ... and 167 do not
  }
}

TEST_CASE("Erlang B: table of traffic capacity by blocking probability (Carrier Grade VoIP)",
          "[erlang_b][published]") {
  // Source: "Carrier Grade Voice Over IP", Second Edition (McGraw-Hill), Appendix A "Table of
  // Erlang B", as reproduced at https://www.globalspec.com/reference/55139/203279/
  // appendix-a-table-of-erlang-b . Each entry is the offered traffic (Erlangs, one decimal)
  // that a number of channels carries at a blocking probability. Rows 1-9 as printed (row 10
  // and beyond were not available to us).
  const double blocking[] = {0.0001, 0.0005, 0.001, 0.002, 0.003, 0.004, 0.005, 0.006,
                             0.007,  0.008,  0.009, 0.01,  0.02,  0.03,  0.04,  0.05};
  const double table[9][16] = {
      {0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.1},
      {0.0, 0.0, 0.0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.2, 0.2, 0.3, 0.3, 0.4},
      {0.1, 0.2, 0.2, 0.2, 0.3, 0.3, 0.3, 0.4, 0.4, 0.4, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9},
      {0.2, 0.4, 0.4, 0.5, 0.6, 0.7, 0.7, 0.7, 0.8, 0.8, 0.8, 0.9, 1.1, 1.3, 1.4, 1.5},
      {0.5, 0.6, 0.8, 0.9, 1.0, 1.1, 1.1, 1.2, 1.2, 1.3, 1.3, 1.4, 1.7, 1.9, 2.1, 2.2},
      {0.7, 1.0, 1.1, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.8, 1.9, 1.9, 2.3, 2.5, 2.8, 3.0},
      {1.1, 1.4, 1.6, 1.8, 1.9, 2.1, 2.2, 2.2, 2.3, 2.4, 2.4, 2.5, 2.9, 3.2, 3.5, 3.7},
      {1.4, 1.8, 2.1, 2.3, 2.5, 2.6, 2.7, 2.8, 2.9, 3.0, 3.1, 3.1, 3.6, 4.0, 4.3, 4.5},
      {1.8, 2.3, 2.6, 2.9, 3.1, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7, 3.8, 4.3, 4.7, 5.1, 5.4},
  };
  for (int n = 1; n <= 9; ++n) {
    for (int col = 0; col < 16; ++col) {
      const double printed = table[n - 1][col];
      INFO("channels " << n << ", blocking " << blocking[col] << ", printed " << printed);
      // A printed 0.0 means a capacity below 0.05 Erlangs.
      const double lo = std::max(printed - 0.05, 0.0);
      const double b_lo = lo == 0 ? 0.0 : erlang_b(n, lo);
      CHECK(b_lo <= blocking[col]);
      CHECK(erlang_b(n, printed + 0.05) >= blocking[col]);
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Erlang C

TEST_CASE("Erlang C: Abstract Micro Systems, Erlang Library for Excel, function reference",
          "[erlang_c][published]") {
  // Source: Abstract Micro Systems, "Erlang Library for Excel - Function Reference",
  // http://abstractmicro.com/erlang/helppages/ (page named per section). The library defines
  // C = n B / (n - x (1 - B)) with its continuous B (ref-erlcfractiondelayed.htm), as wfm does.
  //
  // Five of its printed values carry more digits than its Excel GAMMADIST-based evaluation
  // supports: the 50-digit reference (reference.hpp) gives, for the integer-server cases,
  //   ErlcWait(100, 95, 300)               printed 30.387409     exact 30.3874112347...
  //   ErlcWait4(20, 1800, 100, 240)        printed 2.243505841   exact 2.24350584650...
  //   ErlcWait4(20, 1800, 100, 300)        printed 30.4312286    exact 30.4312291133...
  //   ErlcFractionDelayed(11, 10.1)        printed 0.71095477    exact 0.710954782166...
  // (relative errors 2.5e-9 to 7.3e-8 in the source), and ErlcFractionDelayed(133.78, 130.1) is
  // printed 0.65932309 where wfm gives 0.659323161 (1.1e-7). These are compared at the
  // precision the source actually achieves, 7 significant digits (half unit 5e-7 relative); all
  // other values at their printed precision.
  const double seven_digits = 5e-7;
  SECTION("ErlcFractionDelayed (ref-erlcfractiondelayed.htm)") {
    check_printed(erlang_c_p_wait(11, 10.1), 0.71095477, 0.71095477 * seven_digits);
    check_printed(erlang_c_p_wait(133.78, 130.1), 0.65932309, 0.65932309 * seven_digits);
  }
  SECTION("ErlcNwaiting (ref-erlcnwaiting.htm) and ErlcNwaiting4 (ref-erlcnwaiting4.htm)") {
    check_printed(queue_length(10, 8), 1.63672, 0.5e-5);  // "=ErlcNwaiting(10, 8)"
    check_printed(queue_length(10, 9), 6.01858, 0.5e-5);  // "=ErlcNwaiting(10, 9)"
    // "=ErlcNwaiting4(20, 1800, 60, 540)" -> 4.95692; "(20, 1800, 60, 580)" -> 24.14167.
    check_printed(queue_length(20, 60.0 * 540 / 1800), 4.95692, 0.5e-5);
    check_printed(queue_length(20, 60.0 * 580 / 1800), 24.14167, 0.5e-5);
  }
  SECTION("ErlcWait (ref-erlcwait.htm) and ErlcWait4 (ref-erlcwait4.htm): ASA in seconds") {
    check_printed(asa(100, 95, 300), 30.387409, 30.387409 * seven_digits);
    check_printed(asa(13, 10.75, 120.5), 22.270206, 0.5e-6);  // "=ErlcWait(13, 10.75, 120.5)"
    // "=ErlcWait4(20, 1800, 100, 240)": 100 calls in 1800 s at AHT 240 s.
    check_printed(asa(20, 100.0 * 240 / 1800, 240), 2.243505841, 2.243505841 * seven_digits);
    check_printed(asa(20, 100.0 * 300 / 1800, 300), 30.4312286, 30.4312286 * seven_digits);
  }
  SECTION("ErlcFractionOk: service level (ref-erlcfractionok.htm)") {
    check_printed(service_level(100, 97.5, 180, 15), 0.411537, 0.5e-6);
    check_printed(service_level(100, 97.5, 180, 50), 0.638087, 0.5e-6);
    check_printed(service_level(100.7, 97.5, 180, 50), 0.729022, 0.5e-6);
  }
  SECTION("Inverse problems: traffic and servers for a target") {
    // ErlcTrafFromWait (ref-erlctraffromwait.htm): "=ErlcTrafFromWait( 20, 300, 5)" ->
    // 14.089485; "( 20, 300, 60)" -> 17.600246. ASA increases with the traffic.
    check_root_printed([](double a) { return asa(20, a, 300); }, 5, 14.089485, 0.5e-6);
    check_root_printed([](double a) { return asa(20, a, 300); }, 60, 17.600246, 0.5e-6);
    // ErlcNsrvFromWait (ref-erlcnsrvfromwait.htm): "=ErlcNsrvFromWait(10, 180, 15)" ->
    // 13.164668; "(100, 180, 15)" -> 105.64029 (fractional servers).
    check_root_printed([](double n) { return asa(n, 10, 180); }, 15, 13.164668, 0.5e-6);
    check_root_printed([](double n) { return asa(n, 100, 180); }, 15, 105.64029, 0.5e-5);
    // ErlcTrafFromFractionOk (ref-erlctraffromfractionok.htm): "( 25, 180, 10, 0.90)" ->
    // 19.0565; "( 25, 180, 10, 0.95)" -> 17.7949; "( 25.33, 180, 10, 0.95)" -> 18.0783.
    check_root_printed([](double a) { return service_level(25, a, 180, 10); }, 0.90, 19.0565,
                       0.5e-4);
    check_root_printed([](double a) { return service_level(25, a, 180, 10); }, 0.95, 17.7949,
                       0.5e-4);
    check_root_printed([](double a) { return service_level(25.33, a, 180, 10); }, 0.95, 18.0783,
                       0.5e-4);
    // ErlcNsrvFromFractionOk5 (ref-erlcnsrvfromfractionok5.htm): 936 calls in 1800 s, AHT
    // 180 s, 10 s: 90% -> 104.679 servers, 95% -> 107.502.
    const double a = 936.0 * 180 / 1800;
    check_root_printed([a](double n) { return service_level(n, a, 180, 10); }, 0.90, 104.679,
                       0.5e-3);
    check_root_printed([a](double n) { return service_level(n, a, 180, 10); }, 0.95, 107.502,
                       0.5e-3);
  }
  SECTION("The 50-digit reference reproduces the integer-server values") {
    using reference::Real;
    check_printed(
        reference::to_double(reference::erlang_c(13, Real("10.75"), Real("120.5"), Real(0)).asa_s),
        22.270206, 0.5e-6);
    check_printed(
        reference::to_double(reference::erlang_c(10, Real(9), Real(1), Real(0)).mean_queue_length),
        6.01858, 0.5e-5);
    check_printed(reference::to_double(
                      reference::erlang_c(100, Real("97.5"), Real(180), Real(15)).service_level),
                  0.411537, 0.5e-6);
  }
}

TEST_CASE("Erlang C: worked example of an online Erlang C calculator", "[erlang_c][published]") {
  // Source: "Erlang C calculator" description page (V. R., personal site),
  // http://personal.telefonica.terra.es/web/vr/erlang/eng/mcerlc.htm , "Example": "If in one hour
  // there are 600 calls with call length of 120 seconds, that is a traffic of 20 erlangs. For a
  // target delay probability of 15% the number of circuits needed are 26. The average delay is
  // 2.5 sec/CCS, so, 1800 total seconds or 3 seconds per call. If circuits are incremented to 30,
  // delay is reduced to 2.5%. Those 30 circuits with 15% of delay could attend a traffic of 23.6
  // erlangs."
  const double a = 600.0 * 120 / 3600;
  CHECK(a == 20.0);
  CHECK(erlang_c_p_wait(26, a) <= 0.15);  // 26 circuits are needed ...
  CHECK(erlang_c_p_wait(25, a) > 0.15);   // ... 25 are not enough
  // "3 seconds per call" (printed to the second). The page's "2.5 sec/CCS" (= 3 s x 600 calls /
  // 720 CCS) is the delay at exactly the 15% target, C = 0.15 -> 0.15 x 120 / 6 = 3.0 s, not at
  // the 26 circuits found (C = 0.1434, 2.87 s = 2.39 s/CCS), so only the rounded 3 s is checked.
  check_printed(asa(26, a, 120), 3, 0.5);
  check_printed(100 * erlang_c_p_wait(30, a), 2.5, 0.05);  // "delay is reduced to 2.5%"
  check_root_printed([](double x) { return erlang_c_p_wait(30, x); }, 0.15, 23.6, 0.05);
}

}  // namespace wfm::staffing
