#include "wfm/schedule/mip.hpp"

#include <CoinPackedMatrix.hpp>
#include <OsiClpSolverInterface.hpp>

namespace wfm::schedule {

int Mip::add_col(double lb, double ub, double cost, bool is_int) {
  col_lb.push_back(lb);
  col_ub.push_back(ub);
  obj.push_back(cost);
  integer.push_back(is_int);
  return cols() - 1;
}

int Mip::add_row(double lb, double ub) {
  row_lb.push_back(lb);
  row_ub.push_back(ub);
  return rows() - 1;
}

void Mip::add(int row, int col, double v) {
  tr_row.push_back(row);
  tr_col.push_back(col);
  tr_val.push_back(v);
}

void Mip::load(OsiClpSolverInterface& solver) const {
  CoinPackedMatrix m(true, tr_row.data(), tr_col.data(), tr_val.data(),
                     static_cast<CoinBigIndex>(tr_val.size()));
  m.setDimensions(rows(), cols());
  solver.loadProblem(m, col_lb.data(), col_ub.data(), obj.data(), row_lb.data(), row_ub.data());
  for (int j = 0; j < cols(); ++j) {
    if (integer[j]) solver.setInteger(j);
  }
  solver.messageHandler()->setLogLevel(0);
}

}  // namespace wfm::schedule
