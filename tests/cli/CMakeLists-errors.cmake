# --error-format json: a failure as one JSON object with the library's code
# name (tests/cli/error_format_test.sh).
foreach(case bad_inputs location text_default environment commands help)
  add_test(NAME cli.error_format.${case}
    COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/error_format_test.sh $<TARGET_FILE:compliance_cli>
            ${COMPLIANCE_TEST_DATA} ${case})
  set_tests_properties(cli.error_format.${case} PROPERTIES LABELS cli TIMEOUT 120)
endforeach()
