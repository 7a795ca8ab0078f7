// Descriptor fields and records: SQLGetDescField, SQLSetDescField, SQLGetDescRec,
// SQLSetDescRec (A and W where text is involved) and SQLCopyDesc.
#include <sql.h>
#include <sqlext.h>
#include <sqlucode.h>

#include "core/descriptor.h"
#include "core/dispatch.h"

using namespace holdfast;

namespace {

SQLRETURN get_desc_field(SQLHDESC desc, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                         SQLINTEGER capacity, SQLINTEGER* length, CharWidth width) {
  return guarded<Descriptor>(desc, [&](Descriptor& d) {
    return d.get_field(record, field, value, capacity, length, width);
  });
}

SQLRETURN set_desc_field(SQLHDESC desc, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                         SQLINTEGER length, CharWidth width) {
  return guarded<Descriptor>(desc, [&](Descriptor& d) { return d.set_field(record, field, value, length, width); });
}

SQLRETURN get_desc_rec(SQLHDESC desc, SQLSMALLINT record, void* name, SQLSMALLINT capacity, SQLSMALLINT* name_length,
                       SQLSMALLINT* type, SQLSMALLINT* subtype, SQLLEN* length, SQLSMALLINT* precision,
                       SQLSMALLINT* scale, SQLSMALLINT* nullable, CharWidth width) {
  return guarded<Descriptor>(desc, [&](Descriptor& d) {
    if (capacity < 0) throw OdbcError("HY090", "Invalid string or buffer length");
    return d.get_rec(record, TextOut{name, capacity, width, LengthUnit::chars}, name_length, type, subtype, length,
                     precision, scale, nullable);
  });
}

}  // namespace

extern "C" {

SQLRETURN SQL_API SQLGetDescField(SQLHDESC desc, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                                  SQLINTEGER capacity, SQLINTEGER* length) {
  return get_desc_field(desc, record, field, value, capacity, length, CharWidth::narrow);
}

SQLRETURN SQL_API SQLGetDescFieldW(SQLHDESC desc, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                                   SQLINTEGER capacity, SQLINTEGER* length) {
  return get_desc_field(desc, record, field, value, capacity, length, CharWidth::wide);
}

SQLRETURN SQL_API SQLSetDescField(SQLHDESC desc, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                                  SQLINTEGER length) {
  return set_desc_field(desc, record, field, value, length, CharWidth::narrow);
}

SQLRETURN SQL_API SQLSetDescFieldW(SQLHDESC desc, SQLSMALLINT record, SQLSMALLINT field, SQLPOINTER value,
                                   SQLINTEGER length) {
  return set_desc_field(desc, record, field, value, length, CharWidth::wide);
}

SQLRETURN SQL_API SQLGetDescRec(SQLHDESC desc, SQLSMALLINT record, SQLCHAR* name, SQLSMALLINT capacity,
                                SQLSMALLINT* name_length, SQLSMALLINT* type, SQLSMALLINT* subtype, SQLLEN* length,
                                SQLSMALLINT* precision, SQLSMALLINT* scale, SQLSMALLINT* nullable) {
  return get_desc_rec(desc, record, name, capacity, name_length, type, subtype, length, precision, scale, nullable,
                      CharWidth::narrow);
}

SQLRETURN SQL_API SQLGetDescRecW(SQLHDESC desc, SQLSMALLINT record, SQLWCHAR* name, SQLSMALLINT capacity,
                                 SQLSMALLINT* name_length, SQLSMALLINT* type, SQLSMALLINT* subtype, SQLLEN* length,
                                 SQLSMALLINT* precision, SQLSMALLINT* scale, SQLSMALLINT* nullable) {
  return get_desc_rec(desc, record, name, capacity, name_length, type, subtype, length, precision, scale, nullable,
                      CharWidth::wide);
}

SQLRETURN SQL_API SQLSetDescRec(SQLHDESC desc, SQLSMALLINT record, SQLSMALLINT type, SQLSMALLINT subtype,
                                SQLLEN length, SQLSMALLINT precision, SQLSMALLINT scale, SQLPOINTER data,
                                SQLLEN* octet_length_ptr, SQLLEN* indicator_ptr) {
  return guarded<Descriptor>(desc, [&](Descriptor& d) {
    return d.set_rec(record, type, subtype, length, precision, scale, data, octet_length_ptr, indicator_ptr);
  });
}

SQLRETURN SQL_API SQLCopyDesc(SQLHDESC source, SQLHDESC target) {
  // The source's diagnostics are not touched; errors go to the target.
  Descriptor* from = HandlePool<Descriptor>::lookup(source);
  if (!from) return SQL_INVALID_HANDLE;
  return guarded<Descriptor>(target, [&](Descriptor& to) -> SQLRETURN {
    if (from == &to) return SQL_SUCCESS;
    std::lock_guard lock(from->mutex());
    return to.copy_from(*from);
  });
}

}  // extern "C"
