#include "core/catalog_column_type.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace holdfast {
namespace {

constexpr unsigned kTextCharsetNr = 45;  // any character set but binary (63)
constexpr unsigned long kMaxFieldLength = 4294967295UL;  // the server's cap

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool contains(std::string_view haystack, std::string_view needle) {
  return lower(haystack).find(needle) != std::string::npos;
}

unsigned long capped(std::uint64_t value) {
  return static_cast<unsigned long>(std::min<std::uint64_t>(value, kMaxFieldLength));
}

enum class Shape { integer, year, real, doubl, decimal, bit, date, time, datetime, timestamp, chr, varchr, binary,
                   varbinary, text, blob, enumeration, set, json, geometry, fixed_text, other };

struct TypeName {
  std::string_view name;
  Shape shape;
  enum_field_types type;
  unsigned long fixed_chars = 0;  // fixed_text: its length in characters
};

constexpr TypeName kTypes[] = {
    {"tinyint", Shape::integer, MYSQL_TYPE_TINY},
    {"smallint", Shape::integer, MYSQL_TYPE_SHORT},
    {"mediumint", Shape::integer, MYSQL_TYPE_INT24},
    {"int", Shape::integer, MYSQL_TYPE_LONG},
    {"integer", Shape::integer, MYSQL_TYPE_LONG},
    {"bigint", Shape::integer, MYSQL_TYPE_LONGLONG},
    {"year", Shape::year, MYSQL_TYPE_YEAR},
    {"float", Shape::real, MYSQL_TYPE_FLOAT},
    {"double", Shape::doubl, MYSQL_TYPE_DOUBLE},
    {"double precision", Shape::doubl, MYSQL_TYPE_DOUBLE},
    {"real", Shape::doubl, MYSQL_TYPE_DOUBLE},
    {"decimal", Shape::decimal, MYSQL_TYPE_NEWDECIMAL},
    {"numeric", Shape::decimal, MYSQL_TYPE_NEWDECIMAL},
    {"dec", Shape::decimal, MYSQL_TYPE_NEWDECIMAL},
    {"fixed", Shape::decimal, MYSQL_TYPE_NEWDECIMAL},
    {"bit", Shape::bit, MYSQL_TYPE_BIT},
    {"date", Shape::date, MYSQL_TYPE_DATE},
    {"time", Shape::time, MYSQL_TYPE_TIME},
    {"datetime", Shape::datetime, MYSQL_TYPE_DATETIME},
    {"timestamp", Shape::timestamp, MYSQL_TYPE_TIMESTAMP},
    {"char", Shape::chr, MYSQL_TYPE_STRING},
    {"varchar", Shape::varchr, MYSQL_TYPE_VAR_STRING},
    {"binary", Shape::binary, MYSQL_TYPE_STRING},
    {"varbinary", Shape::varbinary, MYSQL_TYPE_VAR_STRING},
    {"tinytext", Shape::text, MYSQL_TYPE_BLOB},
    {"text", Shape::text, MYSQL_TYPE_BLOB},
    {"mediumtext", Shape::text, MYSQL_TYPE_BLOB},
    {"longtext", Shape::text, MYSQL_TYPE_BLOB},
    {"tinyblob", Shape::blob, MYSQL_TYPE_BLOB},
    {"blob", Shape::blob, MYSQL_TYPE_BLOB},
    {"mediumblob", Shape::blob, MYSQL_TYPE_BLOB},
    {"longblob", Shape::blob, MYSQL_TYPE_BLOB},
    {"enum", Shape::enumeration, MYSQL_TYPE_STRING},
    {"set", Shape::set, MYSQL_TYPE_STRING},
    {"json", Shape::json, MYSQL_TYPE_JSON},
    {"geometry", Shape::geometry, MYSQL_TYPE_GEOMETRY},
    {"point", Shape::geometry, MYSQL_TYPE_GEOMETRY},
    {"linestring", Shape::geometry, MYSQL_TYPE_GEOMETRY},
    {"polygon", Shape::geometry, MYSQL_TYPE_GEOMETRY},
    {"multipoint", Shape::geometry, MYSQL_TYPE_GEOMETRY},
    {"multilinestring", Shape::geometry, MYSQL_TYPE_GEOMETRY},
    {"multipolygon", Shape::geometry, MYSQL_TYPE_GEOMETRY},
    {"geometrycollection", Shape::geometry, MYSQL_TYPE_GEOMETRY},
    {"geomcollection", Shape::geometry, MYSQL_TYPE_GEOMETRY},
    // MariaDB's plugin types travel as CHAR of their text form.
    {"inet6", Shape::fixed_text, MYSQL_TYPE_STRING, 39},
    {"inet4", Shape::fixed_text, MYSQL_TYPE_STRING, 15},
    {"uuid", Shape::fixed_text, MYSQL_TYPE_STRING, 36},
};

const TypeName* find_type(std::string_view data_type) {
  const std::string name = lower(data_type);
  for (const TypeName& t : kTypes)
    if (t.name == name) return &t;
  return nullptr;
}

bool is_numeric_shape(Shape s) {
  return s == Shape::integer || s == Shape::year || s == Shape::real || s == Shape::doubl || s == Shape::decimal ||
         s == Shape::bit;
}

}  // namespace

MYSQL_FIELD field_for_info_schema_column(const InfoSchemaColumn& c, unsigned max_bytes_per_char) {
  MYSQL_FIELD f;
  std::memset(&f, 0, sizeof f);
  const unsigned mbmax = std::max(1U, max_bytes_per_char);
  const TypeName* t = find_type(c.data_type);
  const Shape shape = t ? t->shape : Shape::other;
  const bool is_unsigned = contains(c.column_type, "unsigned");
  const bool binary_charset = c.charset && lower(*c.charset) == "binary";
  const std::uint64_t chars = c.char_max_length.value_or(0);

  f.type = t ? t->type : MYSQL_TYPE_VAR_STRING;
  f.charsetnr = kBinaryCharsetNr;
  f.flags = (c.nullable ? 0U : NOT_NULL_FLAG) | (is_unsigned ? UNSIGNED_FLAG : 0U) |
            (contains(c.extra, "auto_increment") ? AUTO_INCREMENT_FLAG : 0U);
  auto text = [&](std::uint64_t characters) {
    f.charsetnr = kTextCharsetNr;
    f.length = capped(characters * mbmax);
  };
  switch (shape) {
    case Shape::integer:
      f.length = capped(c.numeric_precision.value_or(0));
      break;
    case Shape::year:
      f.length = 4;
      f.flags |= UNSIGNED_FLAG | ZEROFILL_FLAG;
      break;
    case Shape::real:
    case Shape::doubl:
      f.length = capped(c.numeric_precision.value_or(0));
      f.decimals = static_cast<unsigned>(c.numeric_scale.value_or(31));
      break;
    case Shape::decimal: {
      const std::uint64_t scale = c.numeric_scale.value_or(0);
      f.decimals = static_cast<unsigned>(scale);
      f.length = capped(c.numeric_precision.value_or(10) + (scale > 0 ? 1 : 0) + (is_unsigned ? 0 : 1));
      break;
    }
    case Shape::bit:
      f.length = capped(c.numeric_precision.value_or(1));
      break;
    case Shape::date:
      f.length = 10;
      break;
    case Shape::time:
    case Shape::datetime:
    case Shape::timestamp: {
      const unsigned digits = static_cast<unsigned>(c.datetime_precision.value_or(0));
      f.decimals = digits;
      f.length = (shape == Shape::time ? 10 : 19) + (digits > 0 ? digits + 1 : 0);
      break;
    }
    case Shape::chr:
    case Shape::varchr:
      if (binary_charset)
        f.length = capped(chars);
      else
        text(chars);
      break;
    case Shape::binary:
    case Shape::varbinary:
    case Shape::blob:
      f.length = capped(chars);
      break;
    case Shape::text:
      text(chars);
      break;
    case Shape::enumeration:
      text(chars);
      f.flags |= ENUM_FLAG;
      break;
    case Shape::set:
      text(chars);
      f.flags |= SET_FLAG;
      break;
    case Shape::json:
    case Shape::geometry:
      f.length = kMaxFieldLength;
      break;
    case Shape::fixed_text:
      text(t->fixed_chars);
      break;
    case Shape::other:
      text(chars);
      break;
  }
  return f;
}

ColumnMeta describe_info_schema_column(const InfoSchemaColumn& c, unsigned max_bytes_per_char, bool unicode_text) {
  return describe_field(field_for_info_schema_column(c, max_bytes_per_char), max_bytes_per_char, unicode_text);
}

std::optional<std::string> column_default(const InfoSchemaColumn& c, const std::optional<std::string>& raw,
                                          bool mysql_style) {
  if (contains(c.extra, "virtual generated") || contains(c.extra, "stored generated") ||
      contains(c.extra, "persistent generated"))
    return std::nullopt;  // a generated column has no default
  std::optional<std::string> out = raw;
  if (mysql_style) {
    const TypeName* t = find_type(c.data_type);
    if (!raw) {
      out = c.nullable ? std::optional<std::string>("NULL") : std::nullopt;
    } else if (!contains(c.extra, "default_generated") && !(t && is_numeric_shape(t->shape))) {
      std::string quoted = "'";
      for (char ch : *raw) {
        quoted += ch;
        if (ch == '\'') quoted += '\'';
      }
      quoted += '\'';
      out = std::move(quoted);
    }
  }
  if (out) {
    std::size_t chars = 0;
    for (unsigned char ch : *out) chars += (ch & 0xC0) != 0x80 ? 1 : 0;
    if (chars > kColumnDefChars) out = "TRUNCATED";
  }
  return out;
}

}  // namespace holdfast
