<?php

declare(strict_types=1);

namespace Compliance;

/**
 * Entities scored under one profile: unit (or product, or indicator) data
 * in from CSV or JSON (a file or a string) or PHP values, the entities'
 * scores, bands and ranks out, and the explanation and advice of one
 * entity (text, or JSON decoded into arrays).
 *
 *     $a = new Assessment('ombudsman-2022');
 *     $a->addUnitScore('Kabupaten Bekasi', 'kabupaten', 'DPMPTSP', '82.70');
 *     ...
 *     $r = $a->entity('Kabupaten Bekasi');   // $r->score === "73.02"
 *
 * Numbers go in and come out as strings; a float is refused (TypeError).
 * Freed by close() or when the object goes. In the CLI fallback the input
 * is kept and handed to `compliance score` when results are asked for.
 */
final class Assessment
{
    private ?\FFI\CData $ptr = null;
    private Profile $profile;
    private bool $computed = false;
    /** @var list<array{string, string, string}> CLI fallback: [form, text, name] */
    private array $inputs = [];
    /** @var array<string, list<string>> CLI fallback: CSV header => rows */
    private array $rows = [];
    private ?string $rollup = null;
    private ?string $missing = null;
    /** @var list<EntityResult>|null */
    private ?array $cliResults = null;

    /** @param Profile|string $profile a profile or a built-in id */
    public function __construct(Profile|string $profile)
    {
        $this->profile = is_string($profile) ? Profile::open($profile) : $profile;
        if (Native::isFfi()) {
            $ffi = Native::ffi();
            $ctx = new Context();
            $out = $ffi->new('compliance_assessment*');
            $rc = $ffi->compliance_assessment_new($ctx->ptr(), Native::addr($out), $this->profile->ptr());
            if ($rc !== 0) {
                throw $ctx->error($rc);
            }
            $this->ptr = $out;
        }
    }

    public function profile(): Profile
    {
        return $this->profile;
    }

    /** @internal */
    public function ptr(): \FFI\CData
    {
        if ($this->ptr === null) {
            throw new ComplianceException('the assessment is closed', Constants::E_STATE, 'COMPLIANCE_E_STATE');
        }
        return $this->ptr;
    }

    private function check(int $rc): void
    {
        if ($rc !== 0) {
            throw Native::error($rc, (string) Native::ffi()->compliance_assessment_errmsg($this->ptr()));
        }
    }

    private function changed(): void
    {
        $this->computed = false;
        $this->cliResults = null;
    }

    /** The roll-up: "default", "units" or "products" (or a Constants::ROLLUP_* value). */
    public function setRollup(mixed $rollup): self
    {
        $v = Native::enumValue('compliance_rollup', $rollup, 'roll-up');
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_assessment_set_option($this->ptr(), Constants::OPT_ROLLUP, $v));
        } else {
            $this->rollup = $v === Constants::ROLLUP_DEFAULT ? null : Native::shortName('compliance_rollup',
                array_search($v, Constants::ENUMS['compliance_rollup'], true));
        }
        $this->changed();
        return $this;
    }

    /** What a missing answer does: "error", "exclude" or "minimum". */
    public function setMissing(mixed $missing): self
    {
        $v = Native::enumValue('compliance_missing', $missing, 'missing policy');
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_assessment_set_option($this->ptr(), Constants::OPT_MISSING, $v));
        } else {
            $this->missing = Native::shortName('compliance_missing',
                array_search($v, Constants::ENUMS['compliance_missing'], true));
        }
        $this->changed();
        return $this;
    }

    /** Adds one unit's score ("82.70"). */
    public function addUnitScore(mixed $entity, mixed $type, mixed $unit, mixed $score): self
    {
        $args = [Native::text($entity, 'entity'), Native::text($type, 'entity_type'), Native::text($unit, 'unit'),
            Native::decimal($score, 'score')];
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_assessment_add_unit_score($this->ptr(), ...$args));
        } else {
            $this->row('entity,entity_type,unit,score', $args);
        }
        $this->changed();
        return $this;
    }

    /** Adds one product's score (2015–2021 editions). */
    public function addProductScore(mixed $entity, mixed $type, mixed $unit, mixed $product, mixed $score): self
    {
        $args = [Native::text($entity, 'entity'), Native::text($type, 'entity_type'), Native::text($unit, 'unit'),
            Native::text($product, 'product'), Native::decimal($score, 'score')];
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_assessment_add_product_score($this->ptr(), ...$args));
        } else {
            $this->row('entity,entity_type,unit,product,score', $args);
        }
        $this->changed();
        return $this;
    }

    /**
     * Adds one value of the indicator tree ("2", "ya", a score), or with the
     * unit Constants::UNIT_ENTITY ("@entity") an entity-level yes/no input.
     */
    public function addValue(mixed $entity, mixed $type, mixed $unit, mixed $id, mixed $value): self
    {
        $args = [Native::text($entity, 'entity'), Native::text($type, 'entity_type'), Native::text($unit, 'unit'),
            Native::text($id, 'indicator'), Native::decimal($value, 'value')];
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_assessment_add_value($this->ptr(), ...$args));
        } else {
            $this->row('entity,entity_type,unit,indicator,value', $args);
        }
        $this->changed();
        return $this;
    }

    /**
     * Adds rows given as arrays with the keys of the CSV forms: entity,
     * entity_type, unit and score; or product and score; or indicator and value.
     * @param iterable<array<string, mixed>> $rows
     */
    public function addRows(iterable $rows): self
    {
        foreach ($rows as $i => $r) {
            foreach (['entity', 'entity_type', 'unit'] as $k) {
                if (!array_key_exists($k, $r)) {
                    throw new ComplianceException("row $i: no '$k'", Constants::E_PARSE, 'COMPLIANCE_E_PARSE');
                }
            }
            if (array_key_exists('indicator', $r)) {
                $this->addValue($r['entity'], $r['entity_type'], $r['unit'], $r['indicator'], $r['value'] ?? null);
            } elseif (array_key_exists('product', $r)) {
                $this->addProductScore($r['entity'], $r['entity_type'], $r['unit'], $r['product'], $r['score'] ?? null);
            } else {
                $this->addUnitScore($r['entity'], $r['entity_type'], $r['unit'], $r['score'] ?? null);
            }
        }
        return $this;
    }

    /** Feeds a unit's computed SKM survey into a node of the tree (FFI only). */
    public function addSkm(mixed $entity, mixed $type, mixed $unit, mixed $nodeId, Skm $skm): self
    {
        $this->check(Native::ffi('Assessment::addSkm()')->compliance_assessment_add_skm($this->ptr(),
            Native::text($entity, 'entity'), Native::text($type, 'entity_type'), Native::text($unit, 'unit'),
            Native::text($nodeId, 'node'), $skm->ptr()));
        $this->changed();
        return $this;
    }

    public function readCsvFile(mixed $path): self
    {
        $path = Native::text($path, 'CSV file');
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_assessment_read_csv_file($this->ptr(), $path));
        } else {
            $this->input('csv', self::slurp($path, 'cannot open the file'), $path);
        }
        $this->changed();
        return $this;
    }

    public function readCsv(mixed $text, string $name = '<string>'): self
    {
        $text = Native::text($text, 'CSV text');
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_assessment_read_csv_buffer($this->ptr(), $text, strlen($text), $name));
        } else {
            $this->input('csv', $text, $name);
        }
        $this->changed();
        return $this;
    }

    public function readJsonFile(mixed $path): self
    {
        $path = Native::text($path, 'JSON file');
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_assessment_read_json_file($this->ptr(), $path));
        } else {
            $this->input('json', self::slurp($path, 'cannot open or read the file'), $path);
        }
        $this->changed();
        return $this;
    }

    public function readJson(mixed $text, string $name = '<string>'): self
    {
        $text = Native::text($text, 'JSON text');
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_assessment_read_json_buffer($this->ptr(), $text, strlen($text), $name));
        } else {
            $this->input('json', $text, $name);
        }
        $this->changed();
        return $this;
    }

    /** Computes every entity (done by the getters when needed). */
    public function compute(): self
    {
        if (Native::isFfi()) {
            $this->check(Native::ffi()->compliance_assessment_compute($this->ptr()));
            $this->computed = true;
        } else {
            $this->cliResults = $this->cliScore();
        }
        return $this;
    }

    private function ensure(): void
    {
        if (Native::isFfi() ? !$this->computed : $this->cliResults === null) {
            $this->compute();
        }
    }

    /** @return list<EntityResult> every entity, in rank order */
    public function entities(): array
    {
        $this->ensure();
        if (!Native::isFfi()) {
            return $this->cliResults;
        }
        $n = (int) Native::ffi()->compliance_assessment_entity_count($this->ptr());
        $r = [];
        for ($i = 0; $i < $n; $i++) {
            $r[] = $this->result($i);
        }
        return $r;
    }

    /** One entity's result by name; COMPLIANCE_E_NOTFOUND when there is none. */
    public function entity(mixed $name): EntityResult
    {
        $name = Native::text($name, 'entity');
        $this->ensure();
        if (!Native::isFfi()) {
            foreach ($this->cliResults as $r) {
                if ($r->name === $name) {
                    return $r;
                }
            }
            throw new ComplianceException("no entity named '" . $name . "'", Constants::E_NOTFOUND, 'COMPLIANCE_E_NOTFOUND');
        }
        return $this->result($this->index($name));
    }

    private function index(string $name): int
    {
        $ffi = Native::ffi();
        $idx = $ffi->new('size_t');
        $this->check($ffi->compliance_assessment_find($this->ptr(), $name, Native::addr($idx)));
        return (int) $idx->cdata;
    }

    private function result(int $i): EntityResult
    {
        $ffi = Native::ffi();
        $a = $this->ptr();
        $rank = $ffi->new('size_t');
        $rankInType = $ffi->new('size_t');
        $this->check($ffi->compliance_assessment_entity_rank($a, $i, Native::addr($rank), Native::addr($rankInType)));
        $type = (int) $ffi->compliance_assessment_entity_type($a, $i);
        if ($type < 0) {
            $this->check($type);
        }
        $qualified = (int) $ffi->compliance_assessment_entity_qualified($a, $i);
        if ($qualified < 0) {
            $this->check($qualified);
        }
        $decimals = (int) $ffi->compliance_profile_decimals($this->profile->ptr());
        $n = (int) $ffi->compliance_assessment_unit_count($a, $i);
        $units = [];
        $score = $ffi->new('int64_t');
        for ($u = 0; $u < $n; $u++) {
            $this->check($ffi->compliance_assessment_unit_score(Native::addr($score), $a, $i, $u));
            $units[(string) $ffi->compliance_assessment_unit_name($a, $i, $u)] = Native::scaled((int) $score->cdata, $decimals);
        }
        $profile = $this->profile->ptr();
        $labels = [];
        $sets = (int) $ffi->compliance_profile_label_set_count($profile);
        for ($k = 0; $k < $sets; $k++) {
            if (((int) $ffi->compliance_profile_label_set_scope($profile, $k) & Constants::LABEL_SCOPE_ENTITY) !== 0) {
                $labels[(string) $ffi->compliance_profile_label_set_id($profile, $k)] =
                    (string) $ffi->compliance_assessment_entity_label_set($a, $i, $k);
            }
        }
        $certificate = (int) $ffi->compliance_assessment_entity_certificate($a, $i);
        if ($certificate < 0) {
            $this->check($certificate);
        }
        return new EntityResult(
            (string) $ffi->compliance_assessment_entity_name($a, $i),
            (string) $ffi->compliance_enum_short_name('compliance_entity_type', $type),
            (string) $ffi->compliance_assessment_entity_score_text($a, $i),
            (string) $ffi->compliance_assessment_entity_mean_text($a, $i),
            (string) $ffi->compliance_assessment_entity_category($a, $i),
            (string) $ffi->compliance_assessment_entity_zone($a, $i),
            (string) $ffi->compliance_assessment_entity_label($a, $i),
            $qualified === 1,
            $n,
            (int) $rank->cdata,
            (int) $rankInType->cdata,
            $units,
            $labels,
            $certificate === 1,
            $this->unitCheck($i)
        );
    }

    private function unitCheck(int $i): string
    {
        $ffi = Native::ffi();
        $v = (int) $ffi->compliance_assessment_entity_unit_check($this->ptr(), $i);
        if ($v < 0) {
            $this->check($v);
        }
        return (string) $ffi->compliance_enum_short_name('compliance_unit_check', $v);
    }

    /** Every intermediate value of one entity's score, as readable text. */
    public function explain(mixed $entity): string
    {
        return $this->report('explain', $entity, Constants::EXPLAIN_TEXT);
    }

    /** explain() as JSON decoded into arrays (numbers stay strings). @return array<string, mixed> */
    public function explainJson(mixed $entity): array
    {
        return self::decode($this->report('explain', $entity, Constants::EXPLAIN_JSON));
    }

    /** What to fix first to reach the next band, as readable text. */
    public function advise(mixed $entity): string
    {
        return $this->report('advise', $entity, Constants::EXPLAIN_TEXT);
    }

    /** advise() as JSON decoded into arrays. @return array<string, mixed> */
    public function adviseJson(mixed $entity): array
    {
        return self::decode($this->report('advise', $entity, Constants::EXPLAIN_JSON));
    }

    /** Every entity as `compliance score --format json` prints it (a JSON text). */
    public function toJson(): string
    {
        $this->ensure();
        if (!Native::isFfi()) {
            return $this->cliRun(['score'], 'json');
        }
        $ffi = Native::ffi();
        $out = $ffi->new('char*');
        $this->check($ffi->compliance_assessment_write($this->ptr(), Constants::FORMAT_JSON, Native::addr($out)));
        return Native::take($out);
    }

    private function report(string $what, mixed $entity, int $format): string
    {
        $entity = Native::text($entity, 'entity');
        if (!Native::isFfi()) {
            return $this->cliRun([$what], $format === Constants::EXPLAIN_JSON ? 'json' : 'text', $entity);
        }
        $this->ensure();
        $ffi = Native::ffi();
        $i = $this->index($entity);
        $out = $ffi->new('char*');
        $fn = 'compliance_assessment_' . $what;
        $this->check($ffi->$fn($this->ptr(), $i, $format, Native::addr($out)));
        return Native::take($out);
    }

    /** @return array<string, mixed> */
    private static function decode(string $json): array
    {
        $v = json_decode($json, true, 512, JSON_BIGINT_AS_STRING | JSON_THROW_ON_ERROR);
        return is_array($v) ? $v : [];
    }

    // ---- the CLI fallback ----------------------------------------------------

    /** The file's text; $why: the library's words when it cannot read it. */
    private static function slurp(string $path, string $why): string
    {
        $t = @file_get_contents($path);
        if ($t === false) {
            throw new ComplianceException($path . ': ' . $why, Constants::E_IO, 'COMPLIANCE_E_IO');
        }
        return $t;
    }

    private function input(string $form, string $text, string $name): void
    {
        $this->inputs[] = [$form, $text, $name];
    }

    /** The name the FFI path reads the one input under (for the program's messages). */
    private function cliInputName(): ?string
    {
        return count($this->inputs) === 1 && count($this->rows) === 0 ? $this->inputs[0][2] : null;
    }

    /** @param list<string> $fields */
    private function row(string $header, array $fields): void
    {
        $line = implode(',', array_map(fn ($f) => preg_match('/[",\r\n]/', $f) || $f !== trim($f)
            ? '"' . str_replace('"', '""', $f) . '"' : $f, $fields));
        $this->rows[$header][] = $line;
    }

    /** The one input the program reads: one CSV or JSON text. */
    private function cliInput(): string
    {
        $all = $this->inputs;
        foreach ($this->rows as $header => $rows) {
            $all[] = ['csv', $header . "\n" . implode("\n", $rows) . "\n", '<rows>'];
        }
        if (count($all) === 0) {
            return "entity,entity_type,unit,score\n";
        }
        if (count($all) === 1) {
            return $all[0][1];
        }
        // CSV texts of one header merge; anything else needs the library
        $header = null;
        $body = '';
        foreach ($all as [$form, $text, ]) {
            $text = preg_replace('/^\xEF\xBB\xBF/', '', $text) ?? $text;
            $nl = strpos($text, "\n");
            $h = rtrim($nl === false ? $text : substr($text, 0, $nl), "\r");
            if ($form !== 'csv' || ($header !== null && $h !== $header)) {
                throw new ComplianceException('the CLI fallback reads one input form per assessment (here: several '
                    . 'forms); ' . Native::reason(), 0, 'FFI_UNAVAILABLE');
            }
            $header = $h;
            $rest = $nl === false ? '' : substr($text, $nl + 1);
            $body .= $rest === '' || str_ends_with($rest, "\n") ? $rest : $rest . "\n";
        }
        return $header . "\n" . $body;
    }

    /** @param list<string> $cmd */
    private function cliRun(array $cmd, string $format, ?string $entity = null): string
    {
        $args = array_merge($cmd, ['--profile', $this->profile->spec()]);
        if ($this->missing !== null) {
            $args = array_merge($args, ['--missing', $this->missing]);
        }
        if ($this->rollup !== null && $cmd === ['score']) {
            $args = array_merge($args, ['--rollup', $this->rollup]);
        }
        $args = array_merge($args, ['--format', $format, '-']);
        if ($entity !== null) {
            $args[] = $entity;
        }
        return Cli::run($args, $this->cliInput(), $this->cliInputName());
    }

    /** @return list<EntityResult> */
    private function cliScore(): array
    {
        $rows = json_decode($this->cliRun(['score'], 'json'), true, 512, JSON_BIGINT_AS_STRING);
        if (!is_array($rows)) {
            throw new ComplianceException('the compliance program printed no JSON', 0, 'CLI_FAILED');
        }
        $r = [];
        foreach ($rows as $e) {
            $r[] = new EntityResult((string) $e['entity'], (string) $e['entity_type'], (string) $e['score'],
                (string) ($e['mean'] ?? ''), (string) ($e['category'] ?? ''), (string) ($e['zone'] ?? ''),
                (string) ($e['label'] ?? ''), null, (int) $e['units'], (int) $e['rank'], (int) $e['rank_in_type']);
        }
        return $r;
    }

    public function close(): void
    {
        if ($this->ptr !== null) {
            Native::ffi()->compliance_assessment_free($this->ptr);
            $this->ptr = null;
        }
        $this->inputs = [];
        $this->rows = [];
        $this->cliResults = null;
    }

    public function __destruct()
    {
        $this->close();
    }
}
