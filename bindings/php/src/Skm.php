<?php

declare(strict_types=1);

namespace Compliance;

/**
 * A community satisfaction survey (SKM) and its index (IKM), by default
 * under Permenpan RB 14/2017 ("skm-2017"): respondents in (CSV, or PHP
 * arrays of answers 1..4 with 0 or null for a blank), each element's NRR,
 * the IKM, its category and label out, as the library's exact text.
 */
final class Skm
{
    private ?\FFI\CData $ptr = null;
    private Profile $profile;
    private bool $computed = false;
    private ?string $missing = null;
    /** @var list<string> CLI fallback: CSV texts */
    private array $inputs = [];
    /** @var list<string> CLI fallback: rows of add() */
    private array $rows = [];
    /** @var array<string, mixed>|null CLI fallback: the program's result */
    private ?array $cli = null;

    /** @param Profile|string $profile an SKM method: a profile or a built-in id */
    public function __construct(Profile|string $profile = 'skm-2017')
    {
        $this->profile = is_string($profile) ? Profile::open($profile) : $profile;
        if (Native::isFfi()) {
            $ffi = Native::ffi();
            $ctx = new Context();
            $out = $ffi->new('compliance_skm*');
            $rc = $ffi->compliance_skm_new($ctx->ptr(), Native::addr($out), $this->profile->ptr());
            if ($rc !== 0) {
                throw $ctx->error($rc);
            }
            $this->ptr = $out;
        }
    }

    /** @internal */
    public function ptr(): \FFI\CData
    {
        if ($this->ptr === null) {
            throw new ComplianceException('the survey is closed', Constants::E_STATE, 'COMPLIANCE_E_STATE');
        }
        return $this->ptr;
    }

    private function check(int $rc): void
    {
        if ($rc !== 0) {
            throw Native::error($rc, (string) Native::ffi()->compliance_skm_errmsg($this->ptr()));
        }
    }

    private function changed(): void
    {
        $this->computed = false;
        $this->cli = null;
    }

    /** "available" (default) or "listwise". */
    public function setMissing(mixed $missing): self
    {
        $v = Native::enumValue('compliance_skm_missing', $missing, 'missing policy');
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_skm_set_option($this->ptr(), Constants::SKM_OPT_MISSING, $v));
        } else {
            $this->missing = Native::shortName('compliance_skm_missing',
                array_search($v, Constants::ENUMS['compliance_skm_missing'], true));
        }
        $this->changed();
        return $this;
    }

    /**
     * Adds one respondent: an id (or null) and one answer per element, in
     * order (U1..U9), each an int 1..4, or 0 or null for a blank.
     * @param array<int|string|null> $answers
     */
    public function addRespondent(mixed $id, array $answers): self
    {
        if ($id !== null) {
            $id = Native::text($id, 'respondent id');
        }
        $vals = [];
        foreach (array_values($answers) as $k => $v) {
            if ($v === null || $v === '') {
                $vals[] = 0;
            } elseif (is_int($v)) {
                $vals[] = $v;
            } elseif (is_string($v) && preg_match('/^[0-9]{1,9}$/', $v)) {
                $vals[] = (int) $v;
            } elseif (is_float($v)) {
                Native::decimal($v, 'answer ' . ($k + 1)); // throws the TypeError
            } else {
                throw new ComplianceException('answer ' . ($k + 1) . ': expected a whole number, got '
                    . var_export($v, true), Constants::E_PARSE, 'COMPLIANCE_E_PARSE');
            }
        }
        if (Native::isFfi()) {
            $ffi = Native::ffi();
            $n = count($vals);
            $arr = $ffi->new('int[' . max(1, $n) . ']');
            foreach ($vals as $i => $v) {
                $arr[$i] = $v;
            }
            $this->check($ffi->compliance_skm_add_respondent($this->ptr(), $id, $arr, $n));
        } else {
            if ($id === null) {
                $id = 'r' . (count($this->rows) + 1);
            }
            $f = preg_match('/[",\r\n]/', $id) ? '"' . str_replace('"', '""', $id) . '"' : $id;
            $this->rows[] = $f . ',' . implode(',', array_map(fn ($v) => $v === 0 ? '' : (string) $v, $vals));
        }
        $this->changed();
        return $this;
    }

    public function readCsvFile(mixed $path): self
    {
        $path = Native::text($path, 'CSV file');
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_skm_read_csv_file($this->ptr(), $path));
        } else {
            $t = @file_get_contents($path);
            if ($t === false) {
                throw new ComplianceException($path . ': cannot read the file', Constants::E_IO, 'COMPLIANCE_E_IO');
            }
            $this->inputs[] = $t;
        }
        $this->changed();
        return $this;
    }

    public function readCsv(mixed $text, string $name = '<string>'): self
    {
        $text = Native::text($text, 'CSV text');
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_skm_read_csv_buffer($this->ptr(), $text, strlen($text), $name));
        } else {
            $this->inputs[] = $text;
        }
        $this->changed();
        return $this;
    }

    public function compute(): self
    {
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_skm_compute($this->ptr()));
            $this->computed = true;
        } else {
            $this->cli = $this->cliCompute();
        }
        return $this;
    }

    private function ensure(): void
    {
        if (Native::isFfi() ? !$this->computed : $this->cli === null) {
            $this->compute();
        }
    }

    private function field(int $f, string $key): string
    {
        $this->ensure();
        if (!Native::isFfi()) {
            return (string) $this->cli[$key];
        }
        return (string) Native::ffi()->compliance_skm_result($this->ptr(), $f);
    }

    /** The IKM rounded half-up, e.g. "84.54". */
    public function ikm(): string
    {
        return $this->field(Constants::SKM_IKM, 'ikm');
    }

    /** The exact IKM: "78.125" or a reduced fraction "4565/54". */
    public function ikmExact(): string
    {
        return $this->field(Constants::SKM_IKM_EXACT, 'ikm_exact');
    }

    /** "A".."D" under skm-2017. */
    public function category(): string
    {
        return $this->field(Constants::SKM_CATEGORY, 'category');
    }

    /** "Sangat Baik", "Baik", "Kurang Baik" or "Tidak Baik" under skm-2017. */
    public function label(): string
    {
        return $this->field(Constants::SKM_LABEL, 'label');
    }

    /** The missing-answer policy used: "available" or "listwise". */
    public function missing(): string
    {
        return $this->field(Constants::SKM_MISSING, 'missing');
    }

    /** Respondents that entered the result. */
    public function respondents(): int
    {
        return $this->count(Constants::SKM_COUNT_RESPONDENTS, 'respondents');
    }

    /** A count: Constants::SKM_COUNT_* (respondents, read, complete, blank, dropped). */
    public function count(int $which, string $key = ''): int
    {
        $this->ensure();
        if (!Native::isFfi()) {
            $keys = [Constants::SKM_COUNT_RESPONDENTS => 'respondents', Constants::SKM_COUNT_READ => 'respondents_read',
                Constants::SKM_COUNT_COMPLETE => 'complete', Constants::SKM_COUNT_BLANK => 'blank',
                Constants::SKM_COUNT_DROPPED => 'dropped'];
            return (int) ($this->cli[$keys[$which] ?? $key] ?? 0);
        }
        return (int) Native::ffi()->compliance_skm_count($this->ptr(), $which);
    }

    /**
     * Each element: code ("U1"), name, answers (how many), nrr ("3.333",
     * rounded for display) and nrr_exact ("10/3").
     * @return list<array{code: string, name: string, answers: int, nrr: string, nrr_exact: string}>
     */
    public function elements(): array
    {
        $this->ensure();
        $r = [];
        if (!Native::isFfi()) {
            foreach ($this->cli['elements'] as $e) {
                $r[] = ['code' => (string) $e['element'], 'name' => (string) $e['name'], 'answers' => (int) $e['answers'],
                    'nrr' => (string) $e['nrr'], 'nrr_exact' => (string) $e['nrr_exact']];
            }
            return $r;
        }
        $ffi = Native::ffi();
        $s = $this->ptr();
        $n = (int) $ffi->compliance_skm_element_count($s);
        for ($i = 0; $i < $n; $i++) {
            $r[] = [
                'code' => (string) $ffi->compliance_skm_element($s, $i, Constants::SKM_ELEMENT_CODE),
                'name' => (string) $ffi->compliance_skm_element($s, $i, Constants::SKM_ELEMENT_NAME),
                'answers' => (int) $ffi->compliance_skm_element_answers($s, $i),
                'nrr' => (string) $ffi->compliance_skm_nrr($s, $i, Constants::SKM_NRR_ROUNDED),
                'nrr_exact' => (string) $ffi->compliance_skm_nrr($s, $i, Constants::SKM_NRR_EXACT),
            ];
        }
        return $r;
    }

    /** The result as `compliance skm --format json` prints it (a JSON text). */
    public function toJson(): string
    {
        $this->ensure();
        if (!Native::isFfi()) {
            return (string) json_encode($this->cli, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
        }
        $ffi = Native::ffi();
        $out = $ffi->new('char*');
        $this->check($ffi->compliance_skm_write($this->ptr(), Constants::FORMAT_JSON, Native::addr($out)));
        return Native::take($out);
    }

    /** @return array<string, mixed> */
    private function cliCompute(): array
    {
        $texts = $this->inputs;
        if ($this->rows) {
            $codes = [];
            $n = count(explode(',', $this->rows[0])) - 1;
            for ($i = 1; $i <= $n; $i++) {
                $codes[] = 'U' . $i; // the element codes of the built-in methods
            }
            $texts[] = 'respondent,' . implode(',', $codes) . "\n" . implode("\n", $this->rows) . "\n";
        }
        $csv = '';
        foreach ($texts as $k => $t) {
            $t = preg_replace('/^\xEF\xBB\xBF/', '', $t) ?? $t;
            if ($k > 0) {
                $nl = strpos($t, "\n");
                $t = $nl === false ? '' : substr($t, $nl + 1);
            }
            $csv .= $t === '' || str_ends_with($t, "\n") ? $t : $t . "\n";
        }
        $args = ['skm', '--profile', $this->profile->spec()];
        if ($this->missing !== null) {
            $args = array_merge($args, ['--missing', $this->missing]);
        }
        return Cli::json(array_merge($args, ['--format', 'json', '-']), $csv);
    }

    public function close(): void
    {
        if ($this->ptr !== null) {
            Native::ffi()->compliance_skm_free($this->ptr);
            $this->ptr = null;
        }
        $this->inputs = [];
        $this->rows = [];
        $this->cli = null;
    }

    public function __destruct()
    {
        $this->close();
    }
}
