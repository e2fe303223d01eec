# `compliance skm` end to end: one CTest test per case of skm_test.sh.
# Include from tests/cli/CMakeLists.txt once tools/compliance.c routes
# `compliance skm ...` to compliance_cli_skm():
#   include(${CMAKE_CURRENT_SOURCE_DIR}/CMakeLists-skm.cmake)
set(COMPLIANCE_SKM_CLI_CASES
  skm_table skm_csv skm_listwise skm_json skm_stdin skm_tie skm_bad_input
  skm_compute_errors skm_usage skm_profile skm_method_option
  skm_export_excel skm_export_comma skm_export_by skm_export_0111 skm_export_nrr_edges
  skm_export_profile skm_export_rows)
foreach(case IN LISTS COMPLIANCE_SKM_CLI_CASES)
  add_test(NAME cli.${case}
    COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/skm_test.sh $<TARGET_FILE:compliance_cli>
            ${COMPLIANCE_TEST_DATA} ${case})
  set_tests_properties(cli.${case} PROPERTIES LABELS cli)
endforeach()
