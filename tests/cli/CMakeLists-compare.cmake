# compliance compare, score --summary/--units and several FILEs (issue 12):
# one CTest test per case of compare_test.sh.
set(COMPLIANCE_COMPARE_CLI_CASES compare_table compare_id_map compare_csv_json
    compare_editions compare_usage score_summary score_units score_files
    advise_too_large)
foreach(case IN LISTS COMPLIANCE_COMPARE_CLI_CASES)
  add_test(NAME cli.${case}
    COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/compare_test.sh $<TARGET_FILE:compliance_cli>
            ${COMPLIANCE_TEST_DATA} ${case})
  set_tests_properties(cli.${case} PROPERTIES LABELS cli)
endforeach()
