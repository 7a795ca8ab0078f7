// The functions the driver library really exports, read from its ELF dynamic symbol
// table (not from a list kept by hand), for the misuse walkers (test_misuse_*.cpp):
// each walker fails when an export has no row, so a new entry point cannot go untested.
#pragma once

#include <elf.h>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <vector>

#include "driver_lib.h"

namespace odbc_test {

// Names of the defined, globally visible functions of the 64-bit ELF shared object at
// `path`; empty (with `error` set) when the file cannot be read as one.
inline std::set<std::string> elf_exported_functions(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<char> file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::set<std::string> names;
  if (file.size() < sizeof(Elf64_Ehdr) || std::memcmp(file.data(), ELFMAG, SELFMAG) != 0 ||
      file[EI_CLASS] != ELFCLASS64) {
    error = path + " is not a 64-bit ELF file";
    return names;
  }
  Elf64_Ehdr eh;
  std::memcpy(&eh, file.data(), sizeof eh);
  auto section = [&](std::size_t i, Elf64_Shdr& sh) {
    const std::size_t at = eh.e_shoff + i * eh.e_shentsize;
    if (i >= eh.e_shnum || at + sizeof sh > file.size()) return false;
    std::memcpy(&sh, file.data() + at, sizeof sh);
    return true;
  };
  for (std::size_t i = 0; i < eh.e_shnum; ++i) {
    Elf64_Shdr sym{}, str{};
    if (!section(i, sym) || sym.sh_type != SHT_DYNSYM || !section(sym.sh_link, str)) continue;
    if (sym.sh_offset + sym.sh_size > file.size() || str.sh_offset + str.sh_size > file.size()) break;
    for (std::size_t off = 0; off + sizeof(Elf64_Sym) <= sym.sh_size; off += sizeof(Elf64_Sym)) {
      Elf64_Sym s;
      std::memcpy(&s, file.data() + sym.sh_offset + off, sizeof s);
      const unsigned bind = ELF64_ST_BIND(s.st_info);
      if (ELF64_ST_TYPE(s.st_info) != STT_FUNC || s.st_shndx == SHN_UNDEF ||
          (bind != STB_GLOBAL && bind != STB_WEAK) || ELF64_ST_VISIBILITY(s.st_other) != STV_DEFAULT ||
          s.st_name >= str.sh_size) {
        continue;
      }
      const char* name = file.data() + str.sh_offset + s.st_name;
      names.insert(std::string(name, strnlen(name, str.sh_size - s.st_name)));
    }
  }
  if (names.empty()) error = path + " has no exported functions";
  return names;
}

// The prefix of the second name each entry point is exported under, for libltdl
// (driver/ltdl_aliases.cmake; test_ltdl_aliases.cpp checks them).
constexpr const char* kLtdlPrefix = "libholdfast_LTX_";

// The entry points the driver library the tests load exports (driver_lib.h), without the
// libltdl aliases; FAILs if unreadable.
inline const std::set<std::string>& driver_exports() {
  static std::string error;
  static const std::set<std::string> names = [] {
    std::set<std::string> all = elf_exported_functions(driver().path, error);
    std::erase_if(all, [](const std::string& n) { return n.rfind(kLtdlPrefix, 0) == 0; });
    return all;
  }();
  if (!error.empty()) FAIL(error);
  return names;
}

// The names in `exports` that `has_row` does not cover, joined for a failure message.
template <class HasRow>
std::string exports_without_row(const std::set<std::string>& exports, HasRow has_row) {
  std::string missing;
  for (const std::string& name : exports) {
    if (!has_row(name)) missing += (missing.empty() ? "" : ", ") + name;
  }
  return missing;
}

}  // namespace odbc_test
