#include "core/sql_charset.h"

#include <array>

namespace holdfast {

namespace {

bool iequal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (x != b[i]) return false;
  }
  return true;
}

struct NamedCharset {
  std::string_view name;
  SqlCharset cs;
};

// Every client character set MySQL 8 and MariaDB 10/11 accept. ucs2, utf16, utf16le and
// utf32 cannot be client character sets and are left out on purpose.
// gb18030 is MySQL's only: MariaDB 10.11.19 has none. Asked for it at connect
// (MYSQL_SET_CHARSET_NAME), Connector/C 3.3 still reports "gb18030" while the server
// silently uses utf8mb4 (@@character_set_client). Escaping for gb18030 then is unsafe:
// the value 81 5C 27 ... is written 27 81 5C 5C 27 ..., which utf8mb4 reads as a stray
// 0x81, an escaped backslash and a closing quote. The set to escape for must be the
// one the server reports, not the one asked for.
constexpr std::array kCharsets{
    NamedCharset{"utf8mb4", SqlCharset::utf8},   NamedCharset{"utf8mb3", SqlCharset::utf8},
    NamedCharset{"utf8", SqlCharset::utf8},      NamedCharset{"latin1", SqlCharset::single_byte},
    NamedCharset{"binary", SqlCharset::single_byte}, NamedCharset{"ascii", SqlCharset::single_byte},
    NamedCharset{"gbk", SqlCharset::gbk},        NamedCharset{"big5", SqlCharset::big5},
    NamedCharset{"sjis", SqlCharset::sjis},      NamedCharset{"cp932", SqlCharset::cp932},
    NamedCharset{"euckr", SqlCharset::euckr},    NamedCharset{"gb2312", SqlCharset::gb2312},
    NamedCharset{"ujis", SqlCharset::ujis},      NamedCharset{"eucjpms", SqlCharset::eucjpms},
    NamedCharset{"gb18030", SqlCharset::gb18030}, NamedCharset{"dec8", SqlCharset::single_byte},
    NamedCharset{"cp850", SqlCharset::single_byte}, NamedCharset{"hp8", SqlCharset::single_byte},
    NamedCharset{"koi8r", SqlCharset::single_byte}, NamedCharset{"latin2", SqlCharset::single_byte},
    NamedCharset{"swe7", SqlCharset::single_byte}, NamedCharset{"hebrew", SqlCharset::single_byte},
    NamedCharset{"tis620", SqlCharset::single_byte}, NamedCharset{"koi8u", SqlCharset::single_byte},
    NamedCharset{"greek", SqlCharset::single_byte}, NamedCharset{"cp1250", SqlCharset::single_byte},
    NamedCharset{"latin5", SqlCharset::single_byte}, NamedCharset{"armscii8", SqlCharset::single_byte},
    NamedCharset{"cp866", SqlCharset::single_byte}, NamedCharset{"keybcs2", SqlCharset::single_byte},
    NamedCharset{"macce", SqlCharset::single_byte}, NamedCharset{"macroman", SqlCharset::single_byte},
    NamedCharset{"cp852", SqlCharset::single_byte}, NamedCharset{"latin7", SqlCharset::single_byte},
    NamedCharset{"cp1251", SqlCharset::single_byte}, NamedCharset{"cp1256", SqlCharset::single_byte},
    NamedCharset{"cp1257", SqlCharset::single_byte}, NamedCharset{"geostd8", SqlCharset::single_byte},
};

constexpr bool in(unsigned char b, unsigned char lo, unsigned char hi) noexcept {
  return b >= lo && b <= hi;
}

}  // namespace

std::optional<SqlCharset> charset_from_mysql_name(std::string_view name) noexcept {
  for (const auto& entry : kCharsets) {
    if (iequal(name, entry.name)) return entry.cs;
  }
  return std::nullopt;
}

bool is_mb_lead_byte(SqlCharset cs, unsigned char b) noexcept {
  switch (cs) {
    case SqlCharset::gbk:
    case SqlCharset::euckr:
    case SqlCharset::gb18030:
      return in(b, 0x81, 0xFE);
    case SqlCharset::big5:
      return in(b, 0xA1, 0xF9);
    case SqlCharset::sjis:
    case SqlCharset::cp932:
      return in(b, 0x81, 0x9F) || in(b, 0xE0, 0xFC);
    case SqlCharset::gb2312:
      return in(b, 0xA1, 0xF7);
    case SqlCharset::ujis:
    case SqlCharset::eucjpms:
      return b == 0x8E || b == 0x8F || in(b, 0xA1, 0xFE);
    case SqlCharset::single_byte:
    case SqlCharset::utf8:
      return false;
  }
  return false;
}

std::size_t mb_char_length(SqlCharset cs, const unsigned char* p, std::size_t avail) noexcept {
  if (avail < 2 || !is_mb_lead_byte(cs, p[0])) return 0;
  const unsigned char t = p[1];
  switch (cs) {
    case SqlCharset::gbk:
      return (in(t, 0x40, 0x7E) || in(t, 0x80, 0xFE)) ? 2 : 0;
    case SqlCharset::gb18030:
      if (in(t, 0x40, 0x7E) || in(t, 0x80, 0xFE)) return 2;
      if (in(t, 0x30, 0x39) && avail >= 4 && in(p[2], 0x81, 0xFE) && in(p[3], 0x30, 0x39)) return 4;
      return 0;
    case SqlCharset::big5:
      return (in(t, 0x40, 0x7E) || in(t, 0xA1, 0xFE)) ? 2 : 0;
    case SqlCharset::sjis:
    case SqlCharset::cp932:
      return (in(t, 0x40, 0x7E) || in(t, 0x80, 0xFC)) ? 2 : 0;
    case SqlCharset::euckr:
      return (in(t, 0x41, 0x5A) || in(t, 0x61, 0x7A) || in(t, 0x81, 0xFE)) ? 2 : 0;
    case SqlCharset::gb2312:
      return in(t, 0xA1, 0xFE) ? 2 : 0;
    case SqlCharset::ujis:
    case SqlCharset::eucjpms:
      if (p[0] == 0x8E) return in(t, 0xA1, 0xDF) ? 2 : 0;
      if (p[0] == 0x8F) return (avail >= 3 && in(t, 0xA1, 0xFE) && in(p[2], 0xA1, 0xFE)) ? 3 : 0;
      return in(t, 0xA1, 0xFE) ? 2 : 0;
    case SqlCharset::single_byte:
    case SqlCharset::utf8:
      return 0;
  }
  return 0;
}

}  // namespace holdfast
