<?php

declare(strict_types=1);

namespace Compliance;

/**
 * The one exception of the binding: a failure of libcompliance (or of the
 * `compliance` program in the CLI fallback, or of loading the library).
 *
 * getCode() is the library's code (Constants::E_PARSE, ...), getCodeName()
 * its constant's name as compliance_error_name() gives it
 * ("COMPLIANCE_E_PARSE"), getMessage() the library's message (file, line,
 * field and what was expected). Failures outside the library have code 0
 * and one of the names FFI_UNAVAILABLE (the call needs FFI; the message
 * says why FFI is off and how to turn it on), VERSION_MISMATCH or
 * CLI_FAILED (the fallback's `compliance` program could not be run or
 * printed no error object; its message). The fallback's failures of the
 * library carry the library's code and name, read from the program's
 * `--error-format json`.
 */
class ComplianceException extends \RuntimeException
{
    private string $codeName;

    public function __construct(string $message, int $code, string $codeName, ?\Throwable $previous = null)
    {
        parent::__construct($message, $code, $previous);
        $this->codeName = $codeName;
    }

    /** The name of the code, e.g. "COMPLIANCE_E_PARSE". */
    public function getCodeName(): string
    {
        return $this->codeName;
    }
}
