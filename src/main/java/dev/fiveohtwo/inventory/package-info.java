/** The servers fiveohtwo may check: the inventory file, its validation, and name resolution. */
package dev.fiveohtwo.inventory;
