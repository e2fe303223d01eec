<?php

// The php-cli test of the binding (CTest php.unit with -d ffi.enable=1, and
// php.fallback with -d ffi.enable=0 and the compliance program):
//   php [-d ffi.enable=1|0] unit.php PACKAGE_DIR DATA_DIR ffi|cli
// Plain PHP checks (no PHPUnit). Exit status 0 when every check passed.

declare(strict_types=1);

use Compliance\Assessment;
use Compliance\ComplianceException;
use Compliance\Compliance;
use Compliance\Constants;
use Compliance\Profile;
use Compliance\Skm;

[$pkg, $data, $want] = array_slice($argv, 1) + [null, null, null];
if ($pkg === null || $data === null || !in_array($want, ['ffi', 'cli'], true)) {
    fwrite(STDERR, "usage: unit.php PACKAGE_DIR DATA_DIR ffi|cli\n");
    exit(2);
}
require $pkg . '/autoload.php';
require __DIR__ . '/vectors.php';
require __DIR__ . '/errors.php';

/** The exception $fn throws (or null). */
function thrown(callable $fn): ?Throwable
{
    try {
        $fn();
    } catch (Throwable $e) {
        return $e;
    }
    return null;
}

function code_name_of(callable $fn): string
{
    $e = thrown($fn);
    return $e instanceof ComplianceException ? $e->getCodeName() : ($e ? get_class($e) . ': ' . $e->getMessage() : 'none');
}

$ffi = $want === 'ffi';
same(Compliance::backend() === 'cli' ? 'cli' : 'ffi', $want, 'backend');
if ($ffi) {
    same(Compliance::backend(), 'ffi-load', 'php-cli uses FFI::load');
    same(Compliance::fallbackReason(), '', 'no fallback reason');
} else {
    check(str_contains(Compliance::fallbackReason(), 'ffi.enable'), 'the reason names ffi.enable: '
        . Compliance::fallbackReason());
    // no program to fall back to: the message says so, and why FFI is off, in the reason's own words
    Compliance::setCliPath('/nonexistent/compliance');
    $e = thrown(fn () => Compliance::classify('ombudsman-2025', '88.00'));
    Compliance::setCliPath(null);
    check($e instanceof ComplianceException && str_contains($e->getMessage(), 'cannot run /nonexistent/compliance')
        && str_contains($e->getMessage(), Compliance::fallbackReason()),
        'a missing program names itself and the fallback reason verbatim: ' . ($e ? $e->getMessage() : 'none'));
}
same(Compliance::version(), Constants::VERSION_STRING, 'runtime version = header version');
check(in_array('ombudsman-2023', Compliance::builtins(), true) && in_array('skm-2017', Compliance::builtins(), true),
    'builtins list the editions and skm-2017');

$composer = json_decode((string) file_get_contents($pkg . '/composer.json'), true);
same($composer['version'] ?? null, Constants::VERSION_STRING, 'composer.json version');
foreach ($composer['autoload']['psr-4']['Compliance\\'] ?? [] as $dir) {
    check(is_dir($pkg . '/' . $dir), "composer.json's PSR-4 directory $dir exists");
}
check(is_file($pkg . '/generated/Constants.php') && is_file($pkg . '/src/Assessment.php'), 'the package layout');

$n = check_vectors($data);
check($n > 100, "vectors compared: $n");

// ---- numbers are strings; band edges ------------------------------------------
same(Compliance::classify('ombudsman-2023', '87.995')->category, 'A', '87.995 rounds to 88.00, A');
same(Compliance::classify('ombudsman-2023', '87.995')->score, '88.00', '87.995 -> 88.00');
same(Compliance::classify('ombudsman-2023', '87.99499999999999999')->category, 'B', '87.99499... stays B');
same(Compliance::classify('ombudsman-2023', '87.99499999999999999')->score, '87.99', '87.99499... -> 87.99');
same(Compliance::classify('ombudsman-2023', 88)->score, '88.00', 'an int is exact');
$p = Profile::open('ombudsman-2025');
same($p->classify('54')->zone, Compliance::classify('ombudsman-2025', '53.995')->zone, '2025: 53.995 rounds into 54.00\'s band');
$typeError = thrown(fn () => Compliance::classify('ombudsman-2023', 87.995));
check($typeError instanceof TypeError, 'a float score is refused');
check($typeError !== null && str_contains($typeError->getMessage(), 'string'), 'the message says to pass a string');
check(thrown(fn () => (new Assessment('ombudsman-2022'))->addUnitScore('K', 'kota', 'U', 82.7)) instanceof TypeError,
    'a float unit score is refused');
check(thrown(fn () => (new Skm())->addRespondent('1', [4, 4, 3, 4, 3, 4, 4, 3, 4.0])) instanceof TypeError,
    'a float answer is refused');
$e = (new Assessment('ombudsman-2022'))->addRows([
    ['entity' => 'Kota A', 'entity_type' => 'kota', 'unit' => 'U1', 'score' => '88.005'],
    ['entity' => 'Kota A', 'entity_type' => 'kota', 'unit' => 'U2', 'score' => '88'],
])->entity('Kota A');
same(is_string($e->score) && is_string($e->mean), true, 'results are strings');
same($e->score, '88.01', 'unit 88.005 rounds at the unit stage to 88.01; mean 88.005 -> 88.01');
same($e->rank, 1, 'rank');

$s = (new Skm())->addRespondent(null, [4, 4, 4, 4, 4, 4, 4, 4, 4])->addRespondent(null, ['1', 1, 1, 1, 1, 1, 1, 1, 1]);
same([$s->ikm(), $s->category()], ['62.50', 'D'], 'anonymous respondents: 25 x (4 + 1) / 2 = 62.50, D (25.00-64.99)');

// a profile file (tests/data/profiles/pekppp-test-bands.json: T1 from 95.00, T2 below)
$pf = Profile::loadFile($data . '/profiles/pekppp-test-bands.json');
same([$pf->classify('94.995')->category, $pf->classify('94.995')->label], ['T1', 'test band high'], '94.995 -> 95.00, T1');
same([$pf->classify('94.994')->category, $pf->classify('94.994')->zone], ['T2', 'merah'], '94.994 -> 94.99, T2');
same(code_name_of(fn () => Profile::loadFile($data . '/profiles/bad-syntax.json')), 'COMPLIANCE_E_PROFILE',
    'a bad profile file');

// ---- errors carry the library's code names --------------------------------------
same(code_name_of(fn () => Profile::open('ombudsman-1999')), 'COMPLIANCE_E_NOTFOUND', 'unknown profile');
same(code_name_of(fn () => Compliance::classify('ombudsman-2023', '101')), 'COMPLIANCE_E_RANGE',
    'score above the scale');
same(code_name_of(fn () => Compliance::classify('ombudsman-2023', 'abc')), 'COMPLIANCE_E_PARSE',
    'not a number');
$csvError = thrown(fn () => (new Assessment('ombudsman-2022'))->readCsv("entity,entity_type,unit,score\nA,kota,u,abc\n",
    'bad.csv')->compute());
check($csvError instanceof ComplianceException, 'a bad CSV throws');
if ($csvError instanceof ComplianceException) {
    same($csvError->getCodeName(), 'COMPLIANCE_E_PARSE', 'bad CSV code name');
    check(str_starts_with($csvError->getMessage(), 'bad.csv:2: field \'score\''),
        'the message names the text\'s name, the line and field: ' . $csvError->getMessage());
    same($csvError->getCode(), Constants::E_PARSE, 'bad CSV code');
}

// ---- the malformed-input catalogue: the same code name and message both ways --------
// (tests/data/bad/cases.tsv; the fallback reads the program's --error-format json)
$bad = bad_input_errors($data);
check(count($bad) >= 40, 'refused inputs of the catalogue: ' . count($bad));
foreach ($bad as $file => [$wantName, $fragment, $got]) {
    if ($got === null) {
        check(false, "$file: no exception");
        continue;
    }
    same($got[0], $wantName, "$file: code name");
    same($got[1], Constants::ENUMS['compliance_error'][$wantName] ?? null, "$file: code");
    check(str_contains($got[2], $fragment), "$file: the message has '$fragment': {$got[2]}");
    check(str_contains($got[2], $file . ':') || str_contains($got[2], "entity '"),
        "$file: the message names the file: {$got[2]}");
}
$lib = getenv('COMPLIANCE_LIBRARY');
if (!$ffi && is_string($lib) && $lib !== '') {
    // the FFI path in a child php-cli: every exception the same, message included
    $cmd = [PHP_BINARY, '-n', '-d', 'extension=ffi', '-d', 'ffi.enable=1', __DIR__ . '/errors.php', $pkg, $data];
    if (extension_loaded('ffi')) {
        $cmd = [PHP_BINARY, '-d', 'ffi.enable=1', __DIR__ . '/errors.php', $pkg, $data];
    }
    $proc = proc_open($cmd, [1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
    $out = stream_get_contents($pipes[1]);
    $err = stream_get_contents($pipes[2]);
    $rc = proc_close($proc);
    $viaFfi = json_decode((string) $out, true);
    check($rc === 0 && is_array($viaFfi), "the FFI child ran: $rc $err");
    $same = 0;
    foreach (is_array($viaFfi) ? $viaFfi : [] as $file => [, , $f]) {
        same($bad[$file][2] ?? null, $f, "$file: the fallback's exception is the FFI path's");
        $same += ($bad[$file][2] ?? null) === $f ? 1 : 0;
    }
    check($same === count($bad) && $same > 0, "every exception compared: $same of " . count($bad));
}
same(code_name_of(fn () => (new Assessment('ombudsman-2022'))->addUnitScore('A', 'kota', 'u', '82')->entity('B')),
    'COMPLIANCE_E_NOTFOUND', 'no such entity');
same(code_name_of(fn () => (new Assessment('ombudsman-2022'))->setMissing('sometimes')), 'COMPLIANCE_E_INVALID',
    'unknown policy');
same(Compliance::errorName(Constants::E_DUPLICATE), 'COMPLIANCE_E_DUPLICATE', 'errorName');

// ---- a JSON file ----------------------------------------------------------------------
$tmp = tempnam(sys_get_temp_dir(), 'compliance-php');
file_put_contents($tmp, '{"entities": [{"entity": "Kota T", "entity_type": "kota", "units": ['
    . '{"unit": "A", "score": "87.99"}, {"unit": "B", "score": "88.00"}]}]}');
$e = (new Assessment('ombudsman-2023'))->readJsonFile($tmp)->entity('Kota T');
unlink($tmp);
same([$e->score, $e->category], ['88.00', 'A'], 'JSON file: (87.99 + 88.00) / 2 = 87.995 -> 88.00, A');
same(code_name_of(fn () => (new Assessment('ombudsman-2023'))->readJsonFile($tmp)->compute()),
    'COMPLIANCE_E_IO', 'a missing file');
same(thrown(fn () => (new Assessment('ombudsman-2023'))->readJsonFile($tmp)->compute())?->getMessage(),
    $tmp . ': cannot open or read the file', 'a missing file: the message (src/input/input_json.c)');
same(thrown(fn () => (new Assessment('ombudsman-2023'))->readCsvFile($tmp)->compute())?->getMessage(),
    $tmp . ': cannot open the file', 'a missing CSV file: the message (src/io/csv.c)');

// ---- explain and advise ------------------------------------------------------------
$csv = "entity,entity_type,unit,score\nKabupaten Bekasi,kabupaten,DPMPTSP,82.70\nKabupaten Bekasi,kabupaten,Dinas Pendidikan,62.62\n";
$a = (new Assessment('ombudsman-2022'))->readCsv($csv);
$j = $a->explainJson('Kabupaten Bekasi');
same($j['entity'] ?? null, 'Kabupaten Bekasi', 'explain JSON entity');
same($j['units'][0]['score'] ?? null, '82.70', 'explain JSON unit score is a string');
check(str_contains($a->explain('Kabupaten Bekasi'), '82.70'), 'explain text shows the unit score');
$adv = $a->adviseJson('Kabupaten Bekasi');
check(is_array($adv) && $adv !== [], 'advise JSON decodes');
check($a->advise('Kabupaten Bekasi') !== '', 'advise text');
same(json_decode($a->toJson(), true)[0]['score'] ?? null, '72.66', 'toJson: (82.70 + 62.62) / 2 = 72.66');

// ---- FFI-only calls ------------------------------------------------------------------
if ($ffi) {
    $p = Profile::open('ombudsman-2023');
    same($p->id(), 'ombudsman-2023', 'profile id');
    same($p->year(), 2023, 'profile year');
    same($p->kind(), 'assessment', 'profile kind');
    same($p->bands()[0]['lower'], '88.00', 'band A lower bound as text');
    same($p->classify('88')->band, 0, 'band index');
    $p->close();
    $p->close(); // twice is harmless
    same(code_name_of(fn () => $p->classify('88')), 'COMPLIANCE_E_STATE', 'a closed profile');
    same(Profile::loadFile($data . '/profiles/skm-custom.json')->kind(), 'skm', 'an SKM profile file');
    // 2025's two label sets (tests/unit/test_labels.c): DIY 86.00
    $e = (new Assessment('ombudsman-2025'))->readCsvFile($data . '/labels-2025.csv')->entity('Pemerintah Daerah DIY');
    same($e->labels, ['opini' => 'Kualitas Tinggi Tanpa Maladministrasi', 'kualitas-pelayanan' => 'Baik'],
        '2025 label sets');
    same($e->certificate, false, 'no certificate below Kualitas Tertinggi');
    same($e->unitCheck, 'in_range', 'DIY: 6 units, 2025 expects 3 to 6');
    $e = (new Assessment('ombudsman-2025'))->readCsvFile($data . '/labels-2025.csv')->entity('Kota Uji');
    same($e->unitCheck, 'too_few', 'Kota Uji: 2 units, 2025 expects 3 to 6');
    // a Stringable number prints itself
    $num = new class () {
        public function __toString(): string
        {
            return '87.995';
        }
    };
    same(Compliance::classify('ombudsman-2023', $num)->score, '88.00', 'a Stringable score');
    $a = (new Assessment('ombudsman-2023'))->addUnitScore('Kota X', 'kota', 'U1', '90.004');
    same($a->entity('Kota X')->unitScores, ['U1' => '90.00'], 'unit scores');
    same($a->entity('Kota X')->qualified, false, 'no qualifier');
    $a->close();
    same(code_name_of(fn () => $a->entity('Kota X')), 'COMPLIANCE_E_STATE', 'a closed assessment');
    $s = new Skm();
    same(code_name_of(fn () => $s->addRespondent('1', [5, 4, 3, 4, 3, 4, 4, 3, 4])), 'COMPLIANCE_E_RANGE',
        'answer 5 out of range');
    $s->addRespondent('1', [4, 4, 3, 4, 3, 4, 4, 3, 4]);
    same(code_name_of(fn () => $s->addRespondent('1', [4, 4, 3, 4, 3, 4, 4, 3, 4])), 'COMPLIANCE_E_DUPLICATE',
        'respondent twice');
    // many handles freed by their destructors: memory stays flat
    $m0 = memory_get_usage();
    for ($i = 0; $i < 2000; $i++) {
        $x = (new Assessment('ombudsman-2022'))->addUnitScore('K', 'kota', 'U', '80');
        $x->entity('K');
    }
    unset($x);
    check(memory_get_usage() - $m0 < 200000, 'no PHP memory kept by 2000 assessments');
    // the generated constants are the library's values
    $lib = FFI::load(\Compliance\Native::headerPath());
    $out = $lib->new('int');
    foreach (Constants::ENUMS as $enum => $values) {
        foreach ($values as $name => $value) {
            $rc = $lib->compliance_enum_value(FFI::addr($out), $enum, $name);
            check($rc === 0 && $out->cdata === $value, "Constants: $enum $name = $value (library: rc $rc, {$out->cdata})");
        }
    }
    // the header's declarations are plain C that FFI::cdef accepts, once
    // the two FFI_ #define lines that FFI::load reads are left out
    $decl = preg_replace('/^#define FFI_(SCOPE|LIB) .*\n/m', '', (string) file_get_contents(\Compliance\Native::headerPath()));
    check(!str_contains((string) $decl, '#'), 'the header has no other preprocessor line');
    $c = FFI::cdef((string) $decl, Constants::FFI_LIB);
    same($c->compliance_error_name(Constants::E_PARSE), 'COMPLIANCE_E_PARSE', 'FFI::cdef of the header');
    $lib = (string) getenv('COMPLIANCE_LIBRARY');
    same(realpath(dirname($lib) . '/' . Constants::FFI_LIB), realpath($lib), 'FFI_LIB names the built library');
    check(preg_match('/^libcompliance\.so\.\d+$/', Constants::FFI_LIB) === 1, 'FFI_LIB is a SONAME, not the -dev symlink');
} else {
    same(code_name_of(fn () => Profile::fromString('{}')), 'FFI_UNAVAILABLE', 'fromString needs FFI');
    $e = thrown(fn () => Profile::fromString('{}'));
    check($e !== null && str_contains($e->getMessage(), 'ffi.enable'), 'FFI_UNAVAILABLE says why');
}

printf("%d checks, %d failed (%s backend)\n", T::$checks, count(T::$failures), Compliance::backend());
foreach (T::$failures as $f) {
    echo "FAIL: $f\n";
}
exit(T::$failures ? 1 : 0);
