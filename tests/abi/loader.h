/* loader.h - load the library the way every host must: dynamically, resolving sgcws_* by name.
 * LIB_FUNCS lists what a program uses; api.<name> is then sgcws_<name> with the header's exact type. */
#ifndef SGCWS_TEST_LOADER_H
#define SGCWS_TEST_LOADER_H

#include <stdio.h>
#include <stdlib.h>
#include "../../include/sgcws.h"

#ifdef _WIN32
#include <windows.h>
typedef HMODULE lib_t;
static lib_t lib_open(const char *path) {
    wchar_t w[1024];
    MultiByteToWideChar(CP_UTF8, 0, path, -1, w, 1024);
    return LoadLibraryW(w);
}
static void *lib_sym(lib_t l, const char *name) { return (void *)GetProcAddress(l, name); }
static int lib_close(lib_t l) { return FreeLibrary(l) ? 0 : -1; }
static void sleep_ms(int ms) { Sleep(ms); }
#else
#include <dlfcn.h>
#include <time.h>
typedef void *lib_t;
static lib_t lib_open(const char *path) { return dlopen(path, RTLD_NOW | RTLD_LOCAL); }
static void *lib_sym(lib_t l, const char *name) { return dlsym(l, name); }
static int lib_close(lib_t l) { return dlclose(l); }
static void sleep_ms(int ms) {
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}
#endif

#define API_FIELD(f) __typeof__(&sgcws_##f) f;
static struct { LIB_FUNCS(API_FIELD) } api;

/* Resolves every function of LIB_FUNCS; exits with a message naming the first one missing. */
static lib_t load_api(const char *path) {
    lib_t l = lib_open(path);
    if (!l) {
        fprintf(stderr, "FAIL: cannot load %s\n", path);
        exit(1);
    }
#define API_LOAD(f)                                                          \
    if (!(api.f = (__typeof__(api.f))lib_sym(l, "sgcws_" #f))) {             \
        fprintf(stderr, "FAIL: %s does not export sgcws_" #f "\n", path);     \
        exit(1);                                                             \
    }
    LIB_FUNCS(API_LOAD)
#undef API_LOAD
    return l;
}

#endif
