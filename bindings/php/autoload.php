<?php

// The package's PSR-4 autoloader for use without Composer:
//   require '/usr/share/php/libcompliance/autoload.php';
// (Composer users get the same from composer.json.)

declare(strict_types=1);

spl_autoload_register(static function (string $class): void {
    if (strncmp($class, 'Compliance\\', 11) !== 0) {
        return;
    }
    $rel = str_replace('\\', '/', substr($class, 11)) . '.php';
    foreach ([__DIR__ . '/src/', __DIR__ . '/generated/'] as $dir) {
        if (is_file($dir . $rel)) {
            require $dir . $rel;
            return;
        }
    }
});
