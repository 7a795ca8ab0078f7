# Packages built with CPack from an installed tree: a .deb (cpack -G DEB) and an .rpm
# (cpack -G RPM, needs rpmbuild: Debian's `rpm` package). Configure with
# -DCMAKE_INSTALL_PREFIX=/usr so the driver lands in the Debian multiarch ODBC folder
# (/usr/lib/<multiarch>/odbc); packaging/test-package.sh does that and tests the .deb.
# The version is the project's (CMakeLists.txt project()), the one SQLGetInfo(SQL_DRIVER_VER)
# and `holdfast-odbc --version` report.

# Documentation: Debian wants it in /usr/share/doc/<package>, with a copyright file and a
# compressed changelog (changelog.Debian.gz: the package version has a Debian revision);
# the tool has a manual page.
set(HOLDFAST_DOC_DIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/holdfast)
install(FILES ${PROJECT_SOURCE_DIR}/README.md ${CMAKE_CURRENT_LIST_DIR}/copyright
  DESTINATION ${HOLDFAST_DOC_DIR})
set(HOLDFAST_PACKAGE_DIR ${PROJECT_BINARY_DIR}/packaging)
configure_file(${CMAKE_CURRENT_LIST_DIR}/changelog.in ${HOLDFAST_PACKAGE_DIR}/changelog.Debian @ONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/holdfast-odbc.1.in ${HOLDFAST_PACKAGE_DIR}/holdfast-odbc.1 @ONLY)
add_custom_command(OUTPUT ${HOLDFAST_PACKAGE_DIR}/changelog.Debian.gz ${HOLDFAST_PACKAGE_DIR}/holdfast-odbc.1.gz
  COMMAND gzip -9nkf ${HOLDFAST_PACKAGE_DIR}/changelog.Debian ${HOLDFAST_PACKAGE_DIR}/holdfast-odbc.1
  DEPENDS ${HOLDFAST_PACKAGE_DIR}/changelog.Debian ${HOLDFAST_PACKAGE_DIR}/holdfast-odbc.1)
add_custom_target(holdfast_package_docs ALL
  DEPENDS ${HOLDFAST_PACKAGE_DIR}/changelog.Debian.gz ${HOLDFAST_PACKAGE_DIR}/holdfast-odbc.1.gz)
install(FILES ${HOLDFAST_PACKAGE_DIR}/changelog.Debian.gz DESTINATION ${HOLDFAST_DOC_DIR})
install(FILES ${HOLDFAST_PACKAGE_DIR}/holdfast-odbc.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)

# Maintainer scripts, configured with the installed template's path.
set(HOLDFAST_INSTALLED_TEMPLATE ${CMAKE_INSTALL_FULL_DATADIR}/holdfast/holdfast.ini)
foreach(script postinst postrm)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/debian/${script}.in
    ${PROJECT_BINARY_DIR}/packaging/debian/${script} @ONLY
    FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)
endforeach()
foreach(script post postun)
  configure_file(${CMAKE_CURRENT_LIST_DIR}/rpm/${script}.sh.in
    ${PROJECT_BINARY_DIR}/packaging/rpm/${script}.sh @ONLY)
endforeach()

set(CPACK_PACKAGE_NAME holdfast)
set(CPACK_PACKAGE_VENDOR "Holdfast")
# The Maintainer field; lintian wants a real mail host (set it when publishing packages).
set(HOLDFAST_PACKAGE_CONTACT "Holdfast maintainers <holdfast@localhost>" CACHE STRING
  "Maintainer of the .deb/.rpm packages (name <mail>)")
set(CPACK_PACKAGE_CONTACT "${HOLDFAST_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "ODBC driver for MySQL and MariaDB with resilient connections")
set(CPACK_PACKAGE_DESCRIPTION "Holdfast is an ODBC 3.8 driver for MySQL and MariaDB for unixODBC.
It reports a lost connection as SQLSTATE 08S01, reconnects transparently
when nothing can be lost, never runs a write twice and never hides a lost
transaction. The package holds the driver, its setup library, the
holdfast-odbc installer tool and the public header; installing it
registers the driver as Holdfast in odbcinst.ini.")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX ${CMAKE_INSTALL_PREFIX})
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_CHECKSUM SHA256)
# Only what install() names; the tests and the build tree stay out.
set(CPACK_INSTALL_CMAKE_PROJECTS "${PROJECT_BINARY_DIR};${PROJECT_NAME};ALL;/")

# Debian: file name holdfast_<version>-<release>_<arch>.deb; Depends from dpkg-shlibdeps
# (libmariadb3, libodbc2, libodbcinst2, libiniparser1, libc6, libstdc++6, libgcc-s1), plus
# odbcinst for the maintainer scripts' `odbcinst`.
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_PACKAGE_SECTION libs)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "odbcinst")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "unixodbc")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
  ${PROJECT_BINARY_DIR}/packaging/debian/postinst
  ${PROJECT_BINARY_DIR}/packaging/debian/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)

# RPM: same files; %post/%postun register and unregister.
set(CPACK_RPM_FILE_NAME RPM-DEFAULT)
set(CPACK_RPM_PACKAGE_RELEASE 1)
set(CPACK_RPM_PACKAGE_LICENSE "Unspecified")
set(CPACK_RPM_PACKAGE_GROUP "System Environment/Libraries")
set(CPACK_RPM_PACKAGE_REQUIRES "unixODBC")
set(CPACK_RPM_POST_INSTALL_SCRIPT_FILE ${PROJECT_BINARY_DIR}/packaging/rpm/post.sh)
set(CPACK_RPM_POST_UNINSTALL_SCRIPT_FILE ${PROJECT_BINARY_DIR}/packaging/rpm/postun.sh)
set(CPACK_RPM_EXCLUDE_FROM_AUTO_FILELIST_ADDITION
  ${CMAKE_INSTALL_FULL_LIBDIR} ${CMAKE_INSTALL_FULL_LIBDIR}/odbc ${CMAKE_INSTALL_FULL_INCLUDEDIR}
  ${CMAKE_INSTALL_FULL_DATADIR}/doc ${CMAKE_INSTALL_FULL_MANDIR} ${CMAKE_INSTALL_FULL_MANDIR}/man1)

set(CPACK_GENERATOR DEB)
include(CPack)
