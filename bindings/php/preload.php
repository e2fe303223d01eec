<?php

// opcache.preload script of the php-fpm recipe (README.md): compiles the
// binding's classes without running anything, so that they are preloaded.
// Under ffi.enable=preload PHP lets only preloaded code call FFI's static
// methods (FFI::addr, FFI::string, ...); FFI::scope("COMPLIANCE") then
// finds the header that ffi.preload loaded.

declare(strict_types=1);

// parents before children: none of these classes extends another of them
foreach (['generated/Constants.php', 'src/ComplianceException.php', 'src/Native.php', 'src/Cli.php',
          'src/Context.php', 'src/Classification.php', 'src/EntityResult.php', 'src/Profile.php',
          'src/Assessment.php', 'src/Skm.php', 'src/Compliance.php'] as $file) {
    opcache_compile_file(__DIR__ . '/' . $file);
}
