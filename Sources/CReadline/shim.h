#ifndef CREADLINE_SHIM_H
#define CREADLINE_SHIM_H
#include <stdio.h>            /* readline.h needs FILE; 8.x includes it itself, older ones do not */
#include <readline/readline.h>
#include <readline/history.h>
#endif
