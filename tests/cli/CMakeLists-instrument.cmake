# `compliance score/explain --skm` end to end (issue 10): one CTest test per
# case of instrument_test.sh.
set(COMPLIANCE_INSTRUMENT_CLI_CASES
  skm_feed_score skm_feed_explain skm_feed_listwise skm_feed_errors)
foreach(case IN LISTS COMPLIANCE_INSTRUMENT_CLI_CASES)
  add_test(NAME cli.${case}
    COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/instrument_test.sh $<TARGET_FILE:compliance_cli>
            ${COMPLIANCE_TEST_DATA} ${case})
  set_tests_properties(cli.${case} PROPERTIES LABELS cli)
endforeach()
