// Where the value, length and indicator of a bound column are for one row of a rowset
// (SQLSetPos and SQLBulkOperations, core/set_pos.cpp and core/set_pos_data_at_exec.cpp):
// the ARD's bind type and offset, and the column's C type, decide the strides.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include <cstdint>

#include "core/convert.h"
#include "core/descriptor.h"

namespace holdfast {

struct RowsetCell {
  const DescRecord* record = nullptr;
  SQLSMALLINT c_type = 0;  // SQL_C_DEFAULT resolved to the column's default
  SQLPOINTER data = nullptr;
  const SQLLEN* indicator = nullptr;  // may be unaligned in row-wise buffers
  const SQLLEN* length = nullptr;
};

namespace rowset_cell_detail {
template <class T>
T* at_offset(T* base, SQLLEN bytes) noexcept {
  return base ? reinterpret_cast<T*>(reinterpret_cast<std::uintptr_t>(base) + static_cast<std::uintptr_t>(bytes))
              : nullptr;
}
}  // namespace rowset_cell_detail

// Column `number` (from 1) of rowset row `row` (from 0); false when the column is not bound.
inline bool locate_rowset_cell(const Descriptor& ard, std::size_t number, SQLSMALLINT default_c_type, SQLULEN row,
                              RowsetCell& out) {
  using rowset_cell_detail::at_offset;
  const DescHeader& h = ard.header();
  const DescRecord* b = ard.record(number);
  if (!b || !b->bound()) return false;
  const SQLSMALLINT c_type = b->concise_type == SQL_C_DEFAULT ? default_c_type : b->concise_type;
  const SQLLEN offset = h.bind_offset_ptr ? *h.bind_offset_ptr : 0;
  SQLLEN stride, length_stride;
  if (h.bind_type == SQL_BIND_BY_COLUMN) {
    const SQLLEN fixed = c_type_octet_size(c_type);
    stride = fixed ? fixed : b->octet_length;
    length_stride = sizeof(SQLLEN);
  } else {
    stride = length_stride = static_cast<SQLLEN>(h.bind_type);
  }
  const auto r = static_cast<SQLLEN>(row);
  out.record = b;
  out.c_type = c_type;
  out.data = at_offset(b->data_ptr, offset + r * stride);
  out.indicator = at_offset(b->indicator_ptr, offset + r * length_stride);
  out.length = at_offset(b->octet_length_ptr, offset + r * length_stride);
  return true;
}

}  // namespace holdfast
