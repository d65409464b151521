/** Lab tests: the real jar, real OpenSSH, nginx and php-fpm on loopback, broken the way production breaks. */
package dev.fiveohtwo.lab;
