// SQLGetDiagRec, SQLGetDiagField and SQLError over a handle's diagnostic area. These
// read diagnostics and never post any of their own.
#pragma once

#include <sql.h>
#include <sqlext.h>

#include "core/handle.h"
#include "core/text_io.h"

namespace holdfast {

// The handle behind (type, raw) if it is a live handle of that type, else nullptr.
HandleBase* find_handle(SQLSMALLINT handle_type, SQLHANDLE raw) noexcept;

SQLRETURN get_diag_rec(const HandleBase& handle, SQLSMALLINT record, void* sqlstate, SQLINTEGER* native,
                       const TextOut& message, SQLSMALLINT* message_length);

SQLRETURN get_diag_field(const HandleBase& handle, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                         SQLSMALLINT buffer_length, SQLSMALLINT* string_length, CharWidth width);

// ODBC 2 SQLError: the next record not yet returned, then SQL_NO_DATA.
SQLRETURN odbc2_error(HandleBase& handle, void* sqlstate, SQLINTEGER* native, const TextOut& message,
                      SQLSMALLINT* message_length);

}  // namespace holdfast
