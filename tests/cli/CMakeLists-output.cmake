# What the program writes and reads (issue 8): write errors, read errors,
# CSV formula neutralisation, control characters. output_test.sh.
add_library(readfail_shim MODULE ${CMAKE_CURRENT_SOURCE_DIR}/readfail_shim.c)
target_link_libraries(readfail_shim PRIVATE ${CMAKE_DL_LIBS})
set(COMPLIANCE_OUTPUT_CLI_CASES
  write_error stdin_read_error file_read_error read_error_mid_file csv_formula control_chars
  explain_errors)
foreach(case IN LISTS COMPLIANCE_OUTPUT_CLI_CASES)
  add_test(NAME cli.${case}
    COMMAND ${BASH} ${CMAKE_CURRENT_SOURCE_DIR}/output_test.sh $<TARGET_FILE:compliance_cli>
            ${COMPLIANCE_TEST_DATA} $<TARGET_FILE:readfail_shim> ${case})
  set_tests_properties(cli.${case} PROPERTIES LABELS cli)
endforeach()
# it preloads a shim: under the sanitizers the runtime must be preloaded first
# (tools/ci-extra.sh runs the tests labelled "preload" that way)
set_tests_properties(cli.read_error_mid_file PROPERTIES LABELS "cli;preload")
