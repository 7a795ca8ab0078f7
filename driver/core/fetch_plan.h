// One bound column as a fetch call writes it: set up once per SQLFetch / SQLFetchScroll /
// SQLSetPos call from the ARD and the result's conversions, so that each row costs only the
// address arithmetic and the conversion itself (core/statement_fetch.cpp).
#pragma once

#include <cstddef>

#include "core/convert.h"
#include "core/convert_plan.h"

namespace holdfast {

struct BoundCell {
  std::size_t column = 0;          // from 0
  ColumnConversion conversion;     // chosen for the bound C type
  CellTarget first;                // the target of row 0 (binding offset applied)
  SQLLEN stride = 0;               // bytes between the values of two rows
  SQLLEN length_stride = 0;        // bytes between the length/indicator cells of two rows
};

}  // namespace holdfast
