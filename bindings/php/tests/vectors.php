<?php

// Shared by the php-cli test (unit.php) and the php-fpm test (fpm/score.php):
// reproduces the published vectors (tests/data: the same rows the C tests
// reproduce) through the binding. check() counts and reports failures.

declare(strict_types=1);

use Compliance\Assessment;
use Compliance\Compliance;
use Compliance\Skm;

final class T
{
    public static int $checks = 0;
    /** @var list<string> */
    public static array $failures = [];
}

function check(bool $ok, string $what): void
{
    T::$checks++;
    if (!$ok) {
        T::$failures[] = $what;
    }
}

function same(mixed $got, mixed $want, string $what): void
{
    check($got === $want, $what . ': got ' . var_export($got, true) . ', want ' . var_export($want, true));
}

/** @return list<array<string, string>> */
function read_table(string $path): array
{
    $f = fopen($path, 'r');
    if ($f === false) {
        throw new RuntimeException("cannot open $path");
    }
    $head = fgetcsv($f, null, ',', '"', '');
    $rows = [];
    while (($r = fgetcsv($f, null, ',', '"', '')) !== false) {
        if ($r === [null]) {
            continue;
        }
        // the last column (source) may hold unquoted commas, as the C tests read it
        if (count($r) > count($head)) {
            $r = array_merge(array_slice($r, 0, count($head) - 1), [implode(',', array_slice($r, count($head) - 1))]);
        }
        $rows[] = array_combine($head, $r);
    }
    fclose($f);
    return $rows;
}

/** Every published vector; returns how many values were compared. */
function check_vectors(string $data): int
{
    $before = T::$checks;

    // classifications.csv: published score -> category, zone, label
    foreach (read_table("$data/classifications.csv") as $r) {
        $c = Compliance::classify($r['profile'], $r['score']);
        $w = "{$r['profile']} {$r['entity']} {$r['score']}";
        same($c->score, $r['score'], "$w score");
        same($c->category, $r['published_category'], "$w category");
        same($c->zone, $r['published_zone'], "$w zone");
        if ($r['published_label'] !== '') {
            same($c->label, $r['published_label'], "$w label");
        }
    }

    // unit-means.csv: unit scores -> the published entity score, category, zone
    $groups = [];
    foreach (read_table("$data/unit-means.csv") as $r) {
        $groups[$r['profile'] . "\0" . $r['entity']][] = $r;
    }
    foreach ($groups as $rows) {
        $a = new Assessment($rows[0]['profile']);
        foreach ($rows as $r) {
            $a->addUnitScore($r['entity'], $r['entity_type'], $r['unit'], $r['unit_score']);
        }
        $e = $a->entity($rows[0]['entity']);
        $w = "{$rows[0]['profile']} {$rows[0]['entity']}";
        same($e->score, $rows[0]['published_entity_score'], "$w score");
        same($e->category, $rows[0]['published_category'], "$w category");
        same($e->zone, $rows[0]['published_zone'], "$w zone");
        same($e->units, count($rows), "$w units");
        same($e->type, $rows[0]['entity_type'], "$w type");
        $a->close();
    }

    // the same rows as one CSV text per profile, read by the library's CSV reader
    $byProfile = [];
    foreach (read_table("$data/unit-means.csv") as $r) {
        $byProfile[$r['profile']][] = $r;
    }
    foreach ($byProfile as $pid => $rows) {
        $csv = "entity,entity_type,unit,score\n";
        $want = [];
        foreach ($rows as $r) {
            $csv .= '"' . $r['entity'] . '",' . $r['entity_type'] . ',"' . $r['unit'] . '",' . $r['unit_score'] . "\n";
            $want[$r['entity']] = $r['published_entity_score'];
        }
        $a = (new Assessment($pid))->readCsv($csv, "unit-means-$pid.csv");
        $got = [];
        foreach ($a->entities() as $e) {
            $got[$e->name] = $e->score;
        }
        ksort($got);
        ksort($want);
        same($got, $want, "$pid from CSV text");
    }

    // and as one JSON text per profile (the JSON input form), scores as strings
    foreach ($byProfile as $pid => $rows) {
        $ents = [];
        $want = [];
        foreach ($rows as $r) {
            $ents[$r['entity']]['entity'] = $r['entity'];
            $ents[$r['entity']]['entity_type'] = $r['entity_type'];
            $ents[$r['entity']]['units'][] = ['unit' => $r['unit'], 'score' => $r['unit_score']];
            $want[$r['entity']] = [$r['published_entity_score'], $r['published_category'], $r['published_zone']];
        }
        $json = json_encode(['entities' => array_values($ents)], JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR);
        $got = [];
        foreach ((new Assessment($pid))->readJson($json, "unit-means-$pid.json")->entities() as $e) {
            $got[$e->name] = [$e->score, $e->category, $e->zone];
        }
        ksort($got);
        ksort($want);
        same($got, $want, "$pid from JSON text");
    }

    // skm-example.csv: 84.54 B Baik (available-case), 85.56 B Baik (listwise)
    $s = (new Skm())->readCsvFile("$data/skm-example.csv");
    same($s->ikm(), '84.54', 'skm ikm');
    same($s->ikmExact(), '4565/54', 'skm ikm exact');
    same($s->category(), 'B', 'skm category');
    same($s->label(), 'Baik', 'skm label');
    same($s->respondents(), 6, 'skm respondents');
    same($s->elements()[3]['nrr_exact'], '3.6', 'skm U4 nrr (respondent 6 blank)');
    $s->setMissing('listwise');
    same($s->ikm(), '85.56', 'skm listwise ikm');
    same($s->category(), 'B', 'skm listwise category');
    same($s->respondents(), 5, 'skm listwise respondents');
    $s->close();

    // the same survey from PHP arrays (null for the blank)
    $s = new Skm('skm-2017');
    foreach (read_table("$data/skm-example.csv") as $r) {
        $id = $r['respondent'];
        unset($r['respondent']);
        $s->addRespondent($id, array_map(fn ($v) => $v === '' ? null : (int) $v, array_values($r)));
    }
    same($s->ikm(), '84.54', 'skm from arrays');
    same($s->label(), 'Baik', 'skm from arrays label');

    // labels-2025.csv: 2025's labels and the qualifier (tests/unit/test_labels.c)
    $a = (new Assessment('ombudsman-2025'))->readCsvFile("$data/labels-2025.csv");
    $e = $a->entity('Pemerintah Daerah DIY');
    same($e->score, '86.00', 'DIY 2025 score');
    same($e->label, 'Kualitas Tinggi Tanpa Maladministrasi', 'DIY 2025 label');
    if ($e->qualified !== null) {
        same($e->qualified, true, 'DIY 2025 qualified');
    }
    same($a->entity('Provinsi Gorontalo')->score, '76.82', 'Gorontalo 2025 score');

    return T::$checks - $before;
}
