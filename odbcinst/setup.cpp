// libholdfastS.so, Holdfast's setup library, loaded by the driver manager's installer
// (libodbcinst) through odbcinst.ini's Setup entry:
//   - ConfigDSN: SQLConfigDataSource's add / modify / remove of a data source, with every
//     keyword and value checked against the driver's keyword table;
//   - ConfigDriver: install / remove / configure of the driver entry (unixODBC 2.3.11's
//     SQLConfigDriver does not call it on 64-bit systems; other installers do);
//   - ODBCINSTGetProperties: the property list ODBC administrators (ODBCConfig,
//     ODBCManageDataSourcesQ5, odbcinst's property API) show for a new data source,
//     built from the same keyword table with its defaults and help texts.
//   - ConfigDSNW: ConfigDSN for SQLConfigDataSourceW (UTF-16 in, the same checks);
//   - ODBCINSTValidateProperty: one property of that list checked against the table.
// No GUI: a window handle is accepted and ignored (nothing is ever prompted for).
#include "keyword_check.h"

#include "core/conn_string.h"
#include "core/unicode.h"
#include "holdfast_version.h"

#include <sql.h>
#include <sqlext.h>
#include <odbcinstext.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace holdfast::setup {

namespace {

using Attributes = std::vector<std::pair<std::string, std::string>>;

// Thrown inside this file only; turned into SQLPostInstallerError + FALSE at the edge.
struct SetupError {
  DWORD code;
  std::string message;
};

// "K=V\0K=V\0\0" (a NULL list is empty). Blanks around keys and values are dropped.
Attributes parse_attribute_list(LPCSTR list) {
  Attributes out;
  if (list == nullptr) return out;
  int position = 0;
  for (const char* p = list; *p != '\0'; p += std::strlen(p) + 1) {
    std::string_view item(p);
    ++position;
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) {
      // The text is not echoed: it might be a password typed without its keyword.
      throw SetupError{ODBC_ERROR_INVALID_KEYWORD_VALUE,
                       "attribute " + std::to_string(position) + " has no '='"};
    }
    out.emplace_back(std::string(trim_conn_blanks(item.substr(0, eq))),
                     std::string(trim_conn_blanks(item.substr(eq + 1))));
  }
  return out;
}

// Restores the installer's config mode (user / system / both) on scope exit.
class ConfigModeScope {
 public:
  explicit ConfigModeScope(UWORD mode) {
    SQLGetConfigMode(&saved_);
    SQLSetConfigMode(mode);
  }
  ConfigModeScope(const ConfigModeScope&) = delete;
  ConfigModeScope& operator=(const ConfigModeScope&) = delete;
  ~ConfigModeScope() { SQLSetConfigMode(saved_); }

 private:
  UWORD saved_ = ODBC_BOTH_DSN;
};

bool dsn_exists(const std::string& dsn) {
  std::vector<char> names(65536);
  const int n = SQLGetPrivateProfileString(nullptr, nullptr, "", names.data(),
                                           static_cast<int>(names.size()), "odbc.ini");
  if (n <= 0) return false;
  for (const char* p = names.data(); *p != '\0' && p < names.data() + n; p += std::strlen(p) + 1) {
    if (keyword_name_equals(p, dsn)) return true;
  }
  return false;
}

void write_value(const std::string& dsn, const std::string& key, const std::string& value) {
  // An empty value removes the key, so a DSN never holds "KEY =" lines that mean nothing.
  const char* v = value.empty() ? nullptr : value.c_str();
  if (!SQLWritePrivateProfileString(dsn.c_str(), key.c_str(), v, "odbc.ini")) {
    throw SetupError{ODBC_ERROR_WRITING_SYSINFO_FAILED,
                     "could not write " + key + " of data source " + dsn};
  }
}

void config_dsn(WORD request, LPCSTR driver, LPCSTR attribute_list) {
  UWORD mode = ODBC_BOTH_DSN;
  SQLGetConfigMode(&mode);
  switch (request) {
    case ODBC_ADD_SYS_DSN:
      request = ODBC_ADD_DSN;
      mode = ODBC_SYSTEM_DSN;
      break;
    case ODBC_CONFIG_SYS_DSN:
      request = ODBC_CONFIG_DSN;
      mode = ODBC_SYSTEM_DSN;
      break;
    case ODBC_REMOVE_SYS_DSN:
      request = ODBC_REMOVE_DSN;
      mode = ODBC_SYSTEM_DSN;
      break;
    case ODBC_ADD_DSN:
    case ODBC_CONFIG_DSN:
    case ODBC_REMOVE_DSN:
      break;
    default:
      throw SetupError{ODBC_ERROR_INVALID_REQUEST_TYPE,
                       "request type " + std::to_string(request) + " is not supported"};
  }
  ConfigModeScope scope(mode);

  const Attributes attributes = parse_attribute_list(attribute_list);
  std::string dsn;
  for (const auto& [key, value] : attributes) {
    if (keyword_name_equals(key, "DSN")) dsn = value;
  }
  if (dsn.empty()) throw SetupError{ODBC_ERROR_INVALID_DSN, "no DSN=name in the attributes"};
  if (!SQLValidDSN(dsn.c_str())) {
    throw SetupError{ODBC_ERROR_INVALID_DSN, "'" + dsn + "' is not a valid data source name"};
  }

  if (request == ODBC_REMOVE_DSN) {
    if (!dsn_exists(dsn)) throw SetupError{ODBC_ERROR_INVALID_DSN, "no data source " + dsn};
    if (!SQLRemoveDSNFromIni(dsn.c_str())) {
      throw SetupError{ODBC_ERROR_REMOVE_DSN_FAILED, "could not remove data source " + dsn};
    }
    return;
  }

  // Check everything before writing anything: a rejected request changes nothing.
  for (const auto& [key, value] : attributes) {
    if (keyword_name_equals(key, "DSN")) continue;
    if (auto problem = dsn_entry_problem(key, value)) {
      throw SetupError{ODBC_ERROR_INVALID_KEYWORD_VALUE, *problem};
    }
  }

  if (request == ODBC_ADD_DSN) {
    const std::string driver_name =
        (driver != nullptr && *driver != '\0') ? driver : std::string(kDriverName);
    // Replaces a data source of the same name, as ConfigDSN does on Windows.
    if (!SQLWriteDSNToIni(dsn.c_str(), driver_name.c_str())) {
      throw SetupError{ODBC_ERROR_CREATE_DSN_FAILED, "could not create data source " + dsn};
    }
  } else if (!dsn_exists(dsn)) {
    throw SetupError{ODBC_ERROR_INVALID_DSN, "no data source " + dsn};
  }
  for (const auto& [key, value] : attributes) {
    if (keyword_name_equals(key, "DSN") || keyword_name_equals(key, "DRIVER")) continue;
    write_value(dsn, key, value);
  }
}

void config_driver(WORD request, LPCSTR driver, LPCSTR args, std::string& message) {
  if (driver == nullptr || *driver == '\0') {
    throw SetupError{ODBC_ERROR_INVALID_NAME, "no driver name"};
  }
  switch (request) {
    case ODBC_INSTALL_DRIVER:
      // The installer has written the odbcinst.ini entry; nothing else to set up.
      message = "Holdfast " HOLDFAST_VERSION_STRING " installed as " + std::string(driver);
      return;
    case ODBC_REMOVE_DRIVER:
      message = "Holdfast " HOLDFAST_VERSION_STRING " removed";
      return;
    case ODBC_CONFIG_DRIVER:
      for (const auto& [key, value] : parse_attribute_list(args)) {
        const char* v = value.empty() ? nullptr : value.c_str();
        if (!SQLWritePrivateProfileString(driver, key.c_str(), v, "odbcinst.ini")) {
          throw SetupError{ODBC_ERROR_WRITING_SYSINFO_FAILED,
                           "could not write " + key + " of driver " + driver};
        }
      }
      message = "Holdfast " HOLDFAST_VERSION_STRING " configured";
      return;
    default:
      throw SetupError{ODBC_ERROR_INVALID_REQUEST_TYPE,
                       "request type " + std::to_string(request) + " is not supported"};
  }
}

// "K=V\0K=V\0\0" in UTF-16 (ConfigDSNW) as the same list in UTF-8.
std::string narrow_attribute_list(LPCWSTR list) {
  std::string out;
  if (list != nullptr) {
    for (const SQLWCHAR* p = list; *p != 0;) {
      std::size_t n = 0;
      while (p[n] != 0) ++n;
      out += utf16_to_utf8(p, static_cast<SQLINTEGER>(n));
      out += '\0';
      p += n + 1;
    }
  }
  out += '\0';
  return out;
}

std::string narrow_text(LPCWSTR text) {
  if (text == nullptr) return {};
  std::size_t n = 0;
  while (text[n] != 0) ++n;
  return utf16_to_utf8(text, static_cast<SQLINTEGER>(n));
}

// Room ODBCINSTValidateProperty may use in its caller's message buffer (the property
// interface does not say how large it is; its property values hold 1000 bytes).
constexpr std::size_t kValidateMessageMax = 256;

// Runs `body`; every failure becomes one installer error record and FALSE.
template <typename F>
BOOL installer_call(F&& body) noexcept {
  try {
    body();
    return 1;
  } catch (const SetupError& e) {
    SQLPostInstallerError(e.code, ("[Holdfast] " + e.message).c_str());
  } catch (const std::bad_alloc&) {
    SQLPostInstallerError(ODBC_ERROR_OUT_OF_MEM, "[Holdfast] out of memory");
  } catch (...) {
    SQLPostInstallerError(ODBC_ERROR_GENERAL_ERR, "[Holdfast] unexpected error");
  }
  return 0;
}

// The choices of a list-box property in one malloc block: the NULL-terminated pointer
// array followed by the strings. The property interface frees aPromptData with free()
// and never the strings it points to, and it may unload this library before the
// administrator reads them, so nothing may point into the library's own data.
char** prompt_choices(std::initializer_list<std::string_view> choices) {
  std::size_t bytes = (choices.size() + 1) * sizeof(char*);
  for (auto c : choices) bytes += c.size() + 1;
  auto** array = static_cast<char**>(std::malloc(bytes));
  if (array == nullptr) return nullptr;
  char* text = reinterpret_cast<char*>(array + choices.size() + 1);
  std::size_t i = 0;
  for (auto c : choices) {
    std::memcpy(text, c.data(), c.size());
    text[c.size()] = '\0';
    array[i++] = text;
    text += c.size() + 1;
  }
  array[i] = nullptr;
  return array;
}

HODBCINSTPROPERTY new_property(const KeywordDef& def) {
  auto* p = static_cast<HODBCINSTPROPERTY>(std::calloc(1, sizeof(ODBCINSTPROPERTY)));
  if (p == nullptr) return nullptr;
  std::strncpy(p->szName, std::string(def.name).c_str(), INI_MAX_PROPERTY_NAME);
  std::strncpy(p->szValue, std::string(def.default_value).c_str(), INI_MAX_PROPERTY_VALUE);
  p->nPromptType = ODBCINST_PROMPTTYPE_TEXTEDIT;
  if (def.secret) {
    p->nPromptType = ODBCINST_PROMPTTYPE_TEXTEDIT_PASSWORD;
  } else if (def.id == KeywordId::log_file || def.id == KeywordId::socket) {
    p->nPromptType = ODBCINST_PROMPTTYPE_FILENAME;
  } else if (def.type == KeywordType::boolean) {
    if (char** choices = prompt_choices({"0", "1"})) {
      p->aPromptData = choices;
      p->nPromptType = ODBCINST_PROMPTTYPE_LISTBOX;
    }
  }
  std::string help(def.help);
  if (!def.default_value.empty()) {
    help += " (default ";
    help += def.default_value;
    help += ')';
  }
  p->pszHelp = strdup(help.c_str());
  return p;
}

}  // namespace

}  // namespace holdfast::setup

extern "C" {

BOOL INSTAPI ConfigDSN(HWND, WORD request, LPCSTR driver, LPCSTR attributes) {
  return holdfast::setup::installer_call(
      [&] { holdfast::setup::config_dsn(request, driver, attributes); });
}

BOOL INSTAPI ConfigDriver(HWND, WORD request, LPCSTR driver, LPCSTR args, LPSTR message,
                          WORD message_max, WORD* message_length) {
  std::string text;
  const BOOL ok = holdfast::setup::installer_call(
      [&] { holdfast::setup::config_driver(request, driver, args, text); });
  if (message_length != nullptr) *message_length = static_cast<WORD>(text.size());
  if (message != nullptr && message_max > 0) {
    const std::size_t n = std::min<std::size_t>(text.size(), message_max - 1U);
    std::memcpy(message, text.data(), n);
    message[n] = '\0';
  }
  return ok;
}

// The Unicode form: the same checks and writes, the list and driver name converted from
// UTF-16 (unixODBC's SQLConfigDataSourceW calls it when the library has it).
BOOL INSTAPI ConfigDSNW(HWND, WORD request, LPCWSTR driver, LPCWSTR attributes) {
  return holdfast::setup::installer_call([&] {
    const std::string list = holdfast::setup::narrow_attribute_list(attributes);
    const std::string name = holdfast::setup::narrow_text(driver);
    holdfast::setup::config_dsn(request, driver != nullptr ? name.c_str() : nullptr,
                                attributes != nullptr ? list.c_str() : nullptr);
  });
}

// Checks one property of a list built by ODBCINSTGetProperties against the keyword table:
// ODBCINST_SUCCESS, or ODBCINST_ERROR with the problem in `message` (never the value of
// a secret). An empty value is valid: it means "not set".
int INSTAPI ODBCINSTValidateProperty(HODBCINSTPROPERTY first, char* property, char* message) {
  try {
    if (first == nullptr || property == nullptr) return ODBCINST_ERROR;
    for (HODBCINSTPROPERTY p = first; p != nullptr; p = p->pNext) {
      if (!holdfast::keyword_name_equals(p->szName, property)) continue;
      const std::string value = holdfast::trim_conn_blanks(p->szValue).empty() ? std::string() : p->szValue;
      std::optional<std::string> problem;
      if (!value.empty()) problem = holdfast::setup::dsn_entry_problem(p->szName, value);
      if (!problem) return ODBCINST_SUCCESS;
      if (message != nullptr) {
        const std::size_t n = std::min(problem->size(), holdfast::setup::kValidateMessageMax - 1);
        std::memcpy(message, problem->data(), n);
        message[n] = '\0';
      }
      return ODBCINST_ERROR;
    }
    // Name, Description, Driver: the installer's own properties.
    return ODBCINST_SUCCESS;
  } catch (...) {
    return ODBCINST_ERROR;
  }
}

// Appends one property per DSN keyword after `last` (the installer has already added
// Name, Description and Driver).
int INSTAPI ODBCINSTGetProperties(HODBCINSTPROPERTY last) {
  if (last == nullptr) return ODBCINST_ERROR;
  while (last->pNext != nullptr) last = last->pNext;
  for (const holdfast::KeywordDef& def : holdfast::keyword_table()) {
    if (!holdfast::setup::offered_in_dsn(def)) continue;
    HODBCINSTPROPERTY p = holdfast::setup::new_property(def);
    if (p == nullptr) return ODBCINST_ERROR;
    last->pNext = p;
    last = p;
  }
  return ODBCINST_SUCCESS;
}

}  // extern "C"
