# Spreadsheet input of issue 9 end to end: one CTest test per case of
# excel_test.sh (dialect, encoding, columns, names, every error at once).
set(COMPLIANCE_EXCEL_CLI_CASES score_excel_dialect score_excel_encoding score_excel_columns
    score_excel_names score_excel_all_errors score_excel_skm_names)
foreach(case IN LISTS COMPLIANCE_EXCEL_CLI_CASES)
  add_test(NAME cli.${case}
    COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/excel_test.sh $<TARGET_FILE:compliance_cli>
            ${COMPLIANCE_TEST_DATA} ${case})
  set_tests_properties(cli.${case} PROPERTIES LABELS cli)
endforeach()
