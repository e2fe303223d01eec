# The built-in methods of issue 10 end to end: one CTest test per case of
# method_test.sh (PEKPPP without bands and with the user's; SKM 2004).
set(COMPLIANCE_METHOD_CLI_CASES pekppp_no_bands pekppp_user_bands skm_2004)
foreach(case IN LISTS COMPLIANCE_METHOD_CLI_CASES)
  add_test(NAME cli.${case}
    COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/method_test.sh $<TARGET_FILE:compliance_cli>
            ${COMPLIANCE_TEST_DATA} ${case})
  set_tests_properties(cli.${case} PROPERTIES LABELS cli)
endforeach()
