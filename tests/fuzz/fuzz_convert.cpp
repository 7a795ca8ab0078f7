// Fuzzes the SQL-to-C conversions (core/convert*.cpp): a column of any server type
// (core/column_meta.*), any C type, a value of random bytes and length, a buffer of
// the length the input chooses, allocated exactly (ASan reports any write or read
// past it), as SQLFetch binds it and as SQLGetData reads it in pieces.
//
// Invariants: convert_value returns SQL_SUCCESS, SQL_SUCCESS_WITH_INFO or SQL_NO_DATA,
// or throws OdbcError; character results are NUL-terminated inside the buffer; repeated
// SQLGetData calls end with SQL_NO_DATA and return every byte of a binary value.
#include <mysql.h>
#include <sql.h>
#include <sqlext.h>

#include <cstring>
#include <memory>
#include <string>

#include "core/column_meta.h"
#include "core/convert.h"
#include "core/odbc_error.h"
#include "fuzz_support.h"

namespace {

using holdfast::OdbcError;
namespace fz = holdfast::fuzz;

constexpr enum_field_types kFieldTypes[] = {
    MYSQL_TYPE_TINY,       MYSQL_TYPE_SHORT,     MYSQL_TYPE_YEAR,        MYSQL_TYPE_INT24,
    MYSQL_TYPE_LONG,       MYSQL_TYPE_LONGLONG,  MYSQL_TYPE_FLOAT,       MYSQL_TYPE_DOUBLE,
    MYSQL_TYPE_DECIMAL,    MYSQL_TYPE_NEWDECIMAL, MYSQL_TYPE_BIT,        MYSQL_TYPE_DATE,
    MYSQL_TYPE_NEWDATE,    MYSQL_TYPE_TIME,      MYSQL_TYPE_TIME2,       MYSQL_TYPE_DATETIME,
    MYSQL_TYPE_DATETIME2,  MYSQL_TYPE_TIMESTAMP, MYSQL_TYPE_TIMESTAMP2,  MYSQL_TYPE_STRING,
    MYSQL_TYPE_VAR_STRING, MYSQL_TYPE_VARCHAR,   MYSQL_TYPE_ENUM,        MYSQL_TYPE_SET,
    MYSQL_TYPE_TINY_BLOB,  MYSQL_TYPE_BLOB,      MYSQL_TYPE_MEDIUM_BLOB, MYSQL_TYPE_LONG_BLOB,
    MYSQL_TYPE_JSON,       MYSQL_TYPE_GEOMETRY,  MYSQL_TYPE_NULL,
};

constexpr unsigned kFlagBits[] = {NOT_NULL_FLAG, UNSIGNED_FLAG, BINARY_FLAG, BLOB_FLAG,
                                  ZEROFILL_FLAG, AUTO_INCREMENT_FLAG, ENUM_FLAG, SET_FLAG};

constexpr unsigned kCharsets[] = {holdfast::kBinaryCharsetNr, 45, 46, 33, 8, 28, 1, 255};

constexpr SQLSMALLINT kSyntheticTypes[] = {
    SQL_CHAR,    SQL_VARCHAR, SQL_LONGVARCHAR, SQL_WCHAR,     SQL_WVARCHAR,  SQL_WLONGVARCHAR,
    SQL_TINYINT, SQL_SMALLINT, SQL_INTEGER,    SQL_BIGINT,    SQL_REAL,      SQL_DOUBLE,
    SQL_DECIMAL, SQL_BIT,     SQL_TYPE_DATE,   SQL_TYPE_TIME, SQL_TYPE_TIMESTAMP, SQL_BINARY,
    SQL_VARBINARY, SQL_LONGVARBINARY,
};

constexpr SQLSMALLINT kCTypes[] = {
    SQL_C_CHAR,          SQL_C_WCHAR,          SQL_C_BINARY,        SQL_C_DEFAULT,
    SQL_C_STINYINT,      SQL_C_UTINYINT,       SQL_C_TINYINT,       SQL_C_SSHORT,
    SQL_C_USHORT,        SQL_C_SHORT,          SQL_C_SLONG,         SQL_C_ULONG,
    SQL_C_LONG,          SQL_C_SBIGINT,        SQL_C_UBIGINT,       SQL_C_BIT,
    SQL_C_FLOAT,         SQL_C_DOUBLE,         SQL_C_NUMERIC,       SQL_C_TYPE_DATE,
    SQL_C_TYPE_TIME,     SQL_C_TYPE_TIMESTAMP, SQL_C_DATE,          SQL_C_TIME,
    SQL_C_TIMESTAMP,     SQL_C_GUID,           SQL_C_INTERVAL_YEAR, SQL_C_INTERVAL_MONTH,
    SQL_C_INTERVAL_DAY,  SQL_C_INTERVAL_HOUR,  SQL_C_INTERVAL_MINUTE, SQL_C_INTERVAL_SECOND,
    SQL_C_INTERVAL_YEAR_TO_MONTH, SQL_C_INTERVAL_DAY_TO_HOUR, SQL_C_INTERVAL_DAY_TO_MINUTE,
    SQL_C_INTERVAL_DAY_TO_SECOND, SQL_C_INTERVAL_HOUR_TO_MINUTE, SQL_C_INTERVAL_HOUR_TO_SECOND,
    SQL_C_INTERVAL_MINUTE_TO_SECOND, 555,
};

holdfast::ColumnMeta make_meta(fz::Input& in) {
  if ((in.byte() & 7) == 0) {
    return holdfast::synthetic_column("c", in.pick(kSyntheticTypes), in.u16(),
                                      SQL_NULLABLE, static_cast<SQLSMALLINT>(in.byte() % 40),
                                      in.flag());
  }
  MYSQL_FIELD f;
  std::memset(&f, 0, sizeof f);
  f.type = in.pick(kFieldTypes);
  f.length = in.u32();
  const std::uint8_t flags = in.byte();
  for (unsigned i = 0; i < 8; ++i) {
    if ((flags >> i) & 1) f.flags |= kFlagBits[i];
  }
  f.decimals = in.byte();
  f.charsetnr = in.pick(kCharsets);
  const unsigned mb_max = 1 + in.byte() % 4;
  return holdfast::describe_field(f, mb_max, in.flag());
}

// One call of convert_value with a freshly, exactly allocated buffer.
struct Call {
  SQLSMALLINT c_type;
  SQLLEN buffer_length;
  bool null_buffer;
  int ptr_mode;  // 0 separate, 1 same, 2 length only, 3 indicator only, 4 neither
};

holdfast::ConvertResult run(const holdfast::ColumnMeta& meta, const holdfast::SourceValue& value,
                            const Call& c, holdfast::PieceState* pieces, std::string* collected) {
  const SQLSMALLINT effective = c.c_type == SQL_C_DEFAULT ? meta.default_c_type : c.c_type;
  const SQLLEN fixed = holdfast::c_type_octet_size(effective);
  const std::size_t alloc = fixed > 0 ? static_cast<std::size_t>(fixed)
                                      : static_cast<std::size_t>(c.buffer_length > 0 ? c.buffer_length : 0);
  std::unique_ptr<char[]> buf(new char[alloc]);
  std::memset(buf.get(), 0x5a, alloc);
  SQLLEN len = -12345, ind = -12345;
  holdfast::CellTarget t;
  t.c_type = c.c_type;
  t.buffer = c.null_buffer ? nullptr : buf.get();
  t.buffer_length = c.buffer_length;
  switch (c.ptr_mode) {
    case 0: t.length_ptr = &len; t.indicator_ptr = &ind; break;
    case 1: t.length_ptr = &len; t.indicator_ptr = &len; break;
    case 2: t.length_ptr = &len; break;
    case 3: t.indicator_ptr = &ind; break;
    default: break;
  }
  t.numeric_precision = static_cast<SQLSMALLINT>(c.buffer_length % 50);
  t.numeric_scale = static_cast<SQLSMALLINT>((c.buffer_length / 50) % 40 - 5);

  const holdfast::ConvertResult r = holdfast::convert_value(meta, value, t, pieces);
  HOLDFAST_FUZZ_CHECK(r.rc == SQL_SUCCESS || r.rc == SQL_SUCCESS_WITH_INFO || r.rc == SQL_NO_DATA,
                      std::string_view());
  const bool got_null = (t.indicator_ptr != nullptr && *t.indicator_ptr == SQL_NULL_DATA);
  if (r.rc != SQL_NO_DATA && !got_null && !c.null_buffer) {
    if (effective == SQL_C_CHAR && c.buffer_length > 0) {
      HOLDFAST_FUZZ_CHECK(std::memchr(buf.get(), 0, alloc) != nullptr, std::string_view(buf.get(), alloc));
    }
    if (effective == SQL_C_WCHAR && c.buffer_length >= 2) {
      bool terminated = false;
      for (std::size_t i = 0; i + 1 < alloc; i += 2) {
        if (buf[i] == 0 && buf[i + 1] == 0) terminated = true;
      }
      HOLDFAST_FUZZ_CHECK(terminated, std::string_view(buf.get(), alloc));
    }
    if (collected != nullptr && effective == SQL_C_BINARY && t.length_ptr != nullptr) {
      const SQLLEN got = *t.length_ptr;
      if (got >= 0) {
        const std::size_t n = std::min<std::size_t>(static_cast<std::size_t>(got), alloc);
        collected->append(buf.get(), n);
      }
    }
  }
  return r;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fz::Input in(data, size);
  holdfast::ColumnMeta meta;
  try {
    meta = make_meta(in);
  } catch (const OdbcError&) {
    return 0;
  }
  Call c;
  c.c_type = in.pick(kCTypes);
  const std::uint8_t bl = in.byte();
  const std::uint8_t mul = in.byte();
  c.buffer_length = bl < 8 ? -static_cast<SQLLEN>(bl) : static_cast<SQLLEN>(bl - 8) * (1 + mul % 4);
  c.null_buffer = (in.byte() % 8) == 0;
  c.ptr_mode = in.byte() % 5;
  const bool is_null = (in.byte() % 16) == 0;
  const fz::ExactBytes bytes(in.rest());
  const holdfast::SourceValue value{bytes.data(), static_cast<unsigned long>(bytes.size()), is_null};

  // The building blocks on the raw bytes.
  holdfast::ParsedNumber pn;
  (void)holdfast::parse_number(bytes.view(), pn);
  double d = 0;
  bool oor = false;
  (void)holdfast::parse_double(bytes.view(), d, oor);
  holdfast::DateTimeParts dt;
  (void)holdfast::parse_datetime(bytes.view(), dt);

  // As SQLFetch: one call.
  try {
    (void)run(meta, value, c, nullptr, nullptr);
  } catch (const OdbcError&) {
  }

  // As SQLGetData: pieces until SQL_NO_DATA (bounded: a buffer too small for one
  // character makes no progress, which the application sees as 01004 each time).
  holdfast::PieceState pieces;
  std::string collected;
  bool finished = false;
  try {
    for (int i = 0; i < 64; ++i) {
      if (run(meta, value, c, &pieces, &collected).rc == SQL_NO_DATA) {
        finished = true;
        break;
      }
    }
  } catch (const OdbcError&) {
    return 0;
  }
  // A binary value read into a buffer that takes a byte a call comes back whole.
  const SQLSMALLINT effective = c.c_type == SQL_C_DEFAULT ? meta.default_c_type : c.c_type;
  if (finished && effective == SQL_C_BINARY && !is_null && !c.null_buffer && c.buffer_length > 0 &&
      (c.ptr_mode == 0 || c.ptr_mode == 1 || c.ptr_mode == 2) && meta.kind == holdfast::ValueKind::binary) {
    HOLDFAST_FUZZ_CHECK(collected == bytes.view(), collected);
  }
  return 0;
}
