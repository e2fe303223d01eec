# The kept columns (issue 12): score --summary --group-by COLUMN and
# compare --id-column COLUMN; one CTest test per case of columns_test.sh.
set(COMPLIANCE_COLUMNS_CLI_CASES summary_group_by summary_group_by_cells
    summary_group_by_errors compare_id_column compare_id_column_errors)
foreach(case IN LISTS COMPLIANCE_COLUMNS_CLI_CASES)
  add_test(NAME cli.${case}
    COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/columns_test.sh $<TARGET_FILE:compliance_cli>
            ${COMPLIANCE_TEST_DATA} ${PROJECT_SOURCE_DIR}/examples/data ${case})
  set_tests_properties(cli.${case} PROPERTIES LABELS cli)
endforeach()
