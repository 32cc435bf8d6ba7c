// A mixed-integer program built column by column as triplets, then loaded into CBC's Clp solver
// interface: what the shift optimizer (optimizer.cpp) and the rostering MIP (roster.cpp) share.
// Internal to the module; CBC's types are only declared here, so this header does not need CBC's.
#pragma once

#include <vector>

class OsiClpSolverInterface;

namespace wfm::schedule {

struct Mip {
  std::vector<double> col_lb, col_ub, obj;
  std::vector<bool> integer;
  std::vector<double> row_lb, row_ub;
  std::vector<int> tr_row, tr_col;
  std::vector<double> tr_val;

  // Returns the new column's index.
  int add_col(double lb, double ub, double cost, bool is_int);
  // Returns the new row's index.
  int add_row(double lb, double ub);
  // Coefficient v of column `col` in row `row`.
  void add(int row, int col, double v);
  int cols() const { return static_cast<int>(obj.size()); }
  int rows() const { return static_cast<int>(row_lb.size()); }

  // Loads the problem (minimisation) with its integer columns into `solver`, solver log off.
  void load(OsiClpSolverInterface& solver) const;
};

}  // namespace wfm::schedule
