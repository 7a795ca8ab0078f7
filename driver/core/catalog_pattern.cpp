#include "core/catalog_pattern.h"

#include "core/odbc_error.h"

namespace holdfast {
namespace {

constexpr char kEscape = '\\';

bool is_blank(char c) noexcept { return c == ' ' || c == '\t'; }

bool is_pattern_special(char c) noexcept { return c == '%' || c == '_' || c == kEscape; }

std::size_t utf8_chars(std::string_view s) noexcept {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::string_view trim_trailing(std::string_view s) noexcept {
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view trim(std::string_view s) noexcept {
  s = trim_trailing(s);
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  return s;
}

void check_length(const NameFilter& f, std::string_view what) {
  if ((f.mode == NameFilter::Mode::exact || f.mode == NameFilter::Mode::exact_ci) &&
      utf8_chars(f.value) > kMaxNameChars)
    throw OdbcError("HY090", "Invalid string or buffer length: the " + std::string(what) + " is longer than " +
                                 std::to_string(kMaxNameChars) + " characters");
}

std::string quoted(std::string_view value, const LiteralOptions& options) {
  std::string out;
  append_quoted_string(out, value, options);
  return out;
}

}  // namespace

Identifier parse_identifier(std::string_view text) {
  const std::string_view trimmed = trim(text);
  if (trimmed.size() >= 2 && (trimmed.front() == '`' || trimmed.front() == '"') && trimmed.back() == trimmed.front()) {
    const char q = trimmed.front();
    const std::string_view inner = trimmed.substr(1, trimmed.size() - 2);
    Identifier id{{}, true};
    id.name.reserve(inner.size());
    for (std::size_t i = 0; i < inner.size(); ++i) {
      id.name += inner[i];
      if (inner[i] == q && i + 1 < inner.size() && inner[i + 1] == q) ++i;
    }
    return id;
  }
  return Identifier{std::string(trim_trailing(text)), false};
}

bool has_wildcard(std::string_view pattern) noexcept {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == kEscape && i + 1 < pattern.size() && is_pattern_special(pattern[i + 1])) {
      ++i;
    } else if (c == '%' || c == '_') {
      return true;
    }
  }
  return false;
}

std::string unescape_pattern(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size());
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == kEscape && i + 1 < pattern.size() && is_pattern_special(pattern[i + 1])) ++i;
    out += pattern[i];
  }
  return out;
}

std::string like_pattern(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size() + 4);
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == kEscape) {
      out += kEscape;
      if (i + 1 < pattern.size() && is_pattern_special(pattern[i + 1]))
        out += pattern[++i];
      else
        out += kEscape;  // a lone backslash stands for itself
    } else {
      out += c;
    }
  }
  return out;
}

bool pattern_matches_empty(std::string_view pattern) noexcept {
  for (char c : pattern)
    if (c != '%') return false;
  return true;
}

NameFilter name_filter(const CatalogArg& arg, ArgKind kind, bool metadata_id, std::string_view what) {
  NameFilter f;
  if (metadata_id) {
    if (!arg)
      throw OdbcError("HY009", "Invalid use of null pointer: the " + std::string(what) +
                                   " is required when SQL_ATTR_METADATA_ID is SQL_TRUE");
    Identifier id = parse_identifier(*arg);
    f.mode = id.quoted ? NameFilter::Mode::exact : NameFilter::Mode::exact_ci;
    f.value = std::move(id.name);
  } else if (!arg) {
    return f;
  } else if (kind == ArgKind::ordinary) {
    f.mode = NameFilter::Mode::exact;
    f.value = *arg;
  } else if (!arg->empty() && pattern_matches_empty(*arg)) {
    return f;  // "%", "%%": everything
  } else if (has_wildcard(*arg)) {
    f.mode = NameFilter::Mode::like;
    f.value = like_pattern(*arg);
  } else {
    f.mode = NameFilter::Mode::exact;
    f.value = unescape_pattern(*arg);
  }
  check_length(f, what);
  return f;
}

NameFilter catalog_filter(const CatalogArg& arg, ArgKind kind, bool metadata_id, std::string_view current_catalog,
                          std::string_view what) {
  if (metadata_id && !arg)
    throw OdbcError("HY009", "Invalid use of null pointer: the " + std::string(what) +
                                 " is required when SQL_ATTR_METADATA_ID is SQL_TRUE");
  const bool empty = !arg || (metadata_id ? parse_identifier(*arg).name.empty() : arg->empty());
  if (empty) {
    NameFilter f;
    if (!current_catalog.empty()) {
      f.mode = NameFilter::Mode::exact;
      f.value = std::string(current_catalog);
    }
    return f;
  }
  return name_filter(arg, kind, metadata_id, what);
}

bool schema_accepts_none(const CatalogArg& arg, ArgKind kind, bool metadata_id, std::string_view what) {
  if (metadata_id) {
    if (!arg)
      throw OdbcError("HY009", "Invalid use of null pointer: the " + std::string(what) +
                                   " is required when SQL_ATTR_METADATA_ID is SQL_TRUE");
    return parse_identifier(*arg).name.empty();
  }
  if (!arg) return true;
  return kind == ArgKind::ordinary ? arg->empty() : pattern_matches_empty(*arg);
}

DatabaseFilter database_filter(const CatalogArg& catalog, ArgKind catalog_kind, const CatalogArg& schema,
                               ArgKind schema_kind, bool metadata_id, bool database_as_schema,
                               std::string_view current_catalog) {
  DatabaseFilter out;
  if (database_as_schema) {
    out.possible = schema_accepts_none(catalog, catalog_kind, metadata_id, "catalog name");
    out.filter = catalog_filter(schema, schema_kind, metadata_id, current_catalog, "schema name");
  } else {
    out.filter = catalog_filter(catalog, catalog_kind, metadata_id, current_catalog, "catalog name");
    out.possible = schema_accepts_none(schema, schema_kind, metadata_id, "schema name");
  }
  // No database name ends with a space, and the server refuses to look one up (1102,
  // "Incorrect database name", from its information_schema): such a name matches nothing.
  const bool exact = out.filter.mode == NameFilter::Mode::exact || out.filter.mode == NameFilter::Mode::exact_ci;
  if (exact && !out.filter.value.empty() && out.filter.value.back() == ' ') out.possible = false;
  return out;
}

std::string binary_collated(std::string_view column) {
  return "CONVERT(" + std::string(column) + " USING utf8mb4) COLLATE utf8mb4_bin";
}

std::string name_condition(std::string_view column, const NameFilter& filter, NameCase name_case,
                           const LiteralOptions& options) {
  const std::string col(column);
  const bool table_like = name_case == NameCase::table_like;
  switch (filter.mode) {
    case NameFilter::Mode::any:
      return {};
    case NameFilter::Mode::exact: {
      // The plain equality lets the server look the name up instead of scanning; the
      // binary one makes the case significant where the server's names are.
      const std::string v = quoted(filter.value, options);
      if (!table_like) return col + " = " + v;
      return "(" + col + " = " + v + " AND (@@lower_case_table_names <> 0 OR " + binary_collated(col) + " = " + v +
             "))";
    }
    case NameFilter::Mode::exact_ci: {
      const std::string v = quoted(filter.value, options);
      if (!table_like) return col + " = " + v;
      return "CONVERT(" + col + " USING utf8mb4) COLLATE utf8mb4_general_ci = " + v;
    }
    case NameFilter::Mode::like: {
      const std::string like = " LIKE " + quoted(filter.value, options) + " ESCAPE " + quoted("\\", options);
      if (!table_like) return col + like;
      return "(" + col + like + " AND (@@lower_case_table_names <> 0 OR " + binary_collated(col) + like + "))";
    }
  }
  return {};
}

TableTypeFilter parse_table_types(const CatalogArg& list) {
  TableTypeFilter out;
  if (!list) return out;
  std::string_view rest = *list;
  while (true) {
    const std::size_t comma = rest.find(',');
    std::string_view item = trim(rest.substr(0, comma));
    if (item.size() >= 2 && (item.front() == '\'' || item.front() == '"') && item.back() == item.front())
      item = trim(item.substr(1, item.size() - 2));
    if (item == "%") return TableTypeFilter{};
    if (!item.empty()) {
      std::string name(item);
      for (char& c : name)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      out.types.push_back(std::move(name));
    }
    if (comma == std::string_view::npos) break;
    rest.remove_prefix(comma + 1);
  }
  out.all = out.types.empty();
  return out;
}

}  // namespace holdfast
