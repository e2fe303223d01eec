# Distribution: the man page of compliance(1) (scdoc) and its bash
# completion, installed with the program. debian/ packages the install tree.

option(COMPLIANCE_BUILD_MAN "Build and install the compliance(1) man page (needs scdoc)" ON)

if(COMPLIANCE_BUILD_TOOLS AND COMPLIANCE_BUILD_MAN)
  find_program(SCDOC_EXECUTABLE scdoc)
  if(NOT SCDOC_EXECUTABLE)
    message(FATAL_ERROR "scdoc not found: it builds the man page docs/compliance.1.scd "
                        "(Debian: apt-get install scdoc, see tools/deps/debian.list), "
                        "or configure with -DCOMPLIANCE_BUILD_MAN=OFF")
  endif()
  # not under docs/: docs.doxygen removes and rewrites that directory
  set(COMPLIANCE_MAN_PAGE ${PROJECT_BINARY_DIR}/man/compliance.1)
  add_custom_command(
    OUTPUT ${COMPLIANCE_MAN_PAGE}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/man
    COMMAND ${SCDOC_EXECUTABLE} < ${PROJECT_SOURCE_DIR}/docs/compliance.1.scd > ${COMPLIANCE_MAN_PAGE}
    DEPENDS ${PROJECT_SOURCE_DIR}/docs/compliance.1.scd
    COMMENT "scdoc: man/compliance.1"
    VERBATIM)
  add_custom_target(man ALL DEPENDS ${COMPLIANCE_MAN_PAGE})
  install(FILES ${COMPLIANCE_MAN_PAGE} DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endif()

if(COMPLIANCE_BUILD_TOOLS)
  # bash-completion's completionsdir when it lies under the install prefix
  # (as a path relative to it, so that `cmake --install --prefix DIR` works),
  # else share/bash-completion/completions.
  set(_completions ${CMAKE_INSTALL_DATADIR}/bash-completion/completions)
  pkg_get_variable(_bc_dir bash-completion completionsdir)
  if(_bc_dir)
    file(RELATIVE_PATH _bc_rel ${CMAKE_INSTALL_PREFIX} ${_bc_dir})
    if(NOT _bc_rel MATCHES "^\\.\\./" AND NOT IS_ABSOLUTE "${_bc_rel}")
      set(_completions ${_bc_rel})
    endif()
  endif()
  set(COMPLIANCE_BASH_COMPLETION_DIR ${_completions} CACHE STRING
      "Where the bash completion of compliance is installed (relative to the prefix)")
  install(FILES ${PROJECT_SOURCE_DIR}/tools/bash-completion/compliance
          DESTINATION ${COMPLIANCE_BASH_COMPLETION_DIR})
endif()
