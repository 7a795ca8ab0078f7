// The SQLGetTypeInfo result set, built from the data of type_info.h.
#pragma once

#include <sql.h>

#include <memory>

#include "core/result_set.h"

namespace holdfast {

// Throws HY004 for a data type ODBC does not define.
std::unique_ptr<ResultSet> make_type_info_result(SQLSMALLINT data_type, SQLINTEGER odbc_version);

}  // namespace holdfast
