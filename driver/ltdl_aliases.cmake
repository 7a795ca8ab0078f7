# Writes a linker response file that gives every exported entry point a second name,
# libholdfast_LTX_<name>, at the same address.
#
# unixODBC loads drivers with libltdl, whose lt_dlsym first asks for the libtool-prefixed
# name "<library basename>_LTX_<symbol>" and only then for the plain one. A driver without
# the prefixed names fails one dlsym per ODBC function on every SQLConnect and
# SQLDriverConnect, and each failure makes glibc format an error message: measured at
# ~15 % of the client's CPU per connect (bench/README.md, run 11). With the alias the first
# lookup succeeds.
#
#   cmake -DSOURCES=a.cpp;b.cpp -DPREFIX=libholdfast_LTX_ -DOUTPUT=file -P ltdl_aliases.cmake
set(names)
foreach(source IN LISTS SOURCES)
  file(STRINGS "${source}" lines REGEX "SQL_API +SQL[A-Za-z]+\\(")
  foreach(line IN LISTS lines)
    if(line MATCHES "SQL_API +(SQL[A-Za-z]+)\\(")
      list(APPEND names "${CMAKE_MATCH_1}")
    endif()
  endforeach()
endforeach()
list(REMOVE_DUPLICATES names)
list(SORT names)
set(text "")
foreach(name IN LISTS names)
  string(APPEND text "--defsym=${PREFIX}${name}=${name}\n")
endforeach()
# Rewrite only on change, so the library is not relinked for nothing.
if(EXISTS "${OUTPUT}")
  file(READ "${OUTPUT}" old)
  if(old STREQUAL text)
    return()
  endif()
endif()
file(WRITE "${OUTPUT}" "${text}")
