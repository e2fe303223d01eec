# cmake -DBUILD_DIR=... [-DCONFIG=...] -P check_docs.cmake
#
# Builds the docs target and fails when Doxygen fails or prints any warning
# or error (an undocumented public symbol, a missing @param or @return).
# Then checks that the reference was written and documents the API.
if(NOT BUILD_DIR)
  message(FATAL_ERROR "usage: cmake -DBUILD_DIR=<build> -P check_docs.cmake")
endif()

set(html ${BUILD_DIR}/docs/html)
file(REMOVE_RECURSE ${BUILD_DIR}/docs)

set(config_args)
if(CONFIG)
  set(config_args --config ${CONFIG})
endif()
execute_process(
  COMMAND ${CMAKE_COMMAND} --build ${BUILD_DIR} --target docs ${config_args}
  RESULT_VARIABLE rc
  OUTPUT_VARIABLE out
  ERROR_VARIABLE err)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "FAIL: the docs target failed (${rc})")
endif()
if("${out}${err}" MATCHES "(warning|error):")
  message(FATAL_ERROR "FAIL: Doxygen printed warnings or errors")
endif()

foreach(page index.html common_8h.html profile_8h.html assessment_8h.html)
  if(NOT EXISTS ${html}/${page})
    message(FATAL_ERROR "FAIL: Doxygen wrote no ${page}")
  endif()
endforeach()
# The reference covers the functions, not only the file list.
file(READ ${html}/profile_8h.html page)
if(NOT page MATCHES "compliance_profile_classify")
  message(FATAL_ERROR "FAIL: profile_8h.html does not document compliance_profile_classify")
endif()
file(READ ${html}/common_8h.html page)
if(NOT page MATCHES "compliance_strerror" OR NOT page MATCHES "COMPLIANCE_API")
  message(FATAL_ERROR "FAIL: common_8h.html does not document compliance_strerror and COMPLIANCE_API")
endif()
# The main page shows a worked example of every object (examples/*.c, by
# \snippet) and links the reference pages (docs/*.md).
file(READ ${html}/index.html page)
foreach(call compliance_enum_value compliance_profile_classify compliance_assessment_compute
             compliance_skm_compute compliance_assessment_write compliance_assessment_explain)
  if(NOT page MATCHES "${call}")
    message(FATAL_ERROR "FAIL: the main page (docs/mainpage.md) shows no example calling ${call}")
  endif()
endforeach()
foreach(md design input_format profile_format methodology)
  if(NOT EXISTS ${html}/md_docs_${md}.html OR NOT page MATCHES "href=\"md_docs_${md}.html\"")
    message(FATAL_ERROR "FAIL: the page md_docs_${md} (from docs/) is missing or not linked from the main page")
  endif()
endforeach()
message("PASS: docs built with no warning")
