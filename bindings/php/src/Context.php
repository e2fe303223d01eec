<?php

declare(strict_types=1);

namespace Compliance;

/**
 * A library context (compliance_ctx): the last error and its diagnostics.
 * The binding makes one per call that needs it; it is public for callers
 * that want the diagnostics of a profile file. FFI only.
 */
final class Context
{
    private ?\FFI\CData $ptr;

    public function __construct()
    {
        $ffi = Native::ffi('Context');
        $out = $ffi->new('compliance_ctx*');
        $rc = $ffi->compliance_ctx_new(Native::addr($out));
        if ($rc !== 0) {
            throw Native::error($rc, '');
        }
        $this->ptr = $out;
    }

    /** @internal */
    public function ptr(): \FFI\CData
    {
        if ($this->ptr === null) {
            throw new ComplianceException('the context is closed', Constants::E_STATE, 'COMPLIANCE_E_STATE');
        }
        return $this->ptr;
    }

    /** @internal the exception for a failed call on this context, with its diagnostics */
    public function error(int $rc): ComplianceException
    {
        $msg = $this->message();
        $diags = $this->diagnostics();
        if ($diags) {
            $msg .= "\n" . implode("\n", $diags);
        }
        return Native::error($rc, $msg);
    }

    public function message(): string
    {
        return (string) Native::ffi()->compliance_ctx_errmsg($this->ptr());
    }

    /** @return list<string> every diagnostic of the last failure ("file:line:column: path: text") */
    public function diagnostics(): array
    {
        $ffi = Native::ffi();
        $n = (int) $ffi->compliance_ctx_diag_count($this->ptr());
        $d = [];
        for ($i = 0; $i < $n; $i++) {
            $d[] = (string) $ffi->compliance_ctx_diag($this->ptr(), $i);
        }
        return $d;
    }

    public function close(): void
    {
        if ($this->ptr !== null) {
            Native::ffi()->compliance_ctx_free($this->ptr);
            $this->ptr = null;
        }
    }

    public function __destruct()
    {
        $this->close();
    }
}
