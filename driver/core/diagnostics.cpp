#include "core/diagnostics.h"

#include <algorithm>
#include <array>
#include <string_view>

#include "holdfast_version.h"

namespace holdfast {

void Diagnostics::add(DiagRecord record) {
  if (record.class_origin.empty()) record.class_origin = class_origin_of(record.sqlstate);
  if (record.subclass_origin.empty()) record.subclass_origin = subclass_origin_of(record.sqlstate);
  if (record.is_warning()) {
    records_.push_back(std::move(record));
    return;
  }
  // An error goes after the last error and ahead of every warning.
  auto first_warning = std::find_if(records_.begin(), records_.end(),
                                    [](const DiagRecord& r) { return r.is_warning(); });
  records_.insert(first_warning, std::move(record));
}

bool Diagnostics::has_errors() const noexcept {
  return std::any_of(records_.begin(), records_.end(), [](const DiagRecord& r) { return !r.is_warning(); });
}

std::string class_origin_of(const std::string& sqlstate) {
  // Classes defined by ISO 9075 (SQL); IM and HY and the rest are ODBC's.
  static constexpr std::array<std::string_view, 28> iso_classes = {
      "01", "02", "07", "08", "0A", "21", "22", "23", "24", "25", "26", "27", "28", "2A",
      "2B", "2C", "2D", "2E", "33", "34", "35", "37", "3C", "3D", "3F", "40", "42", "44"};
  std::string_view cls = std::string_view(sqlstate).substr(0, 2);
  return std::find(iso_classes.begin(), iso_classes.end(), cls) != iso_classes.end() ? "ISO 9075" : "ODBC 3.0";
}

std::string subclass_origin_of(const std::string& sqlstate) {
  // SQLSTATEs whose subclass ODBC defined inside ISO classes (the table in the
  // SQL_DIAG_SUBCLASS_ORIGIN description).
  static constexpr std::array<std::string_view, 27> odbc_subclasses = {
      "01S00", "01S01", "01S02", "01S06", "01S07", "07S01", "08S01", "21S01", "21S02", "25S01",
      "25S02", "25S03", "42S01", "42S02", "42S11", "42S12", "42S21", "42S22", "HY095", "HY097",
      "HY098", "HY099", "HY100", "HY101", "HY105", "HY107", "HY109"};
  if (std::find(odbc_subclasses.begin(), odbc_subclasses.end(), std::string_view(sqlstate)) != odbc_subclasses.end())
    return "ODBC 3.0";
  return class_origin_of(sqlstate);
}

std::string message_prefix(ErrorSource source, const std::string& server_label) {
  std::string prefix = "[Holdfast][" HOLDFAST_VERSION_STRING "]";
  if (source == ErrorSource::server && !server_label.empty()) {
    prefix += '[';
    prefix += server_label;
    prefix += ']';
  }
  return prefix;
}

}  // namespace holdfast
