/* Property errors name the property: unknown name (SGCWS_E_PROPERTY), wrong type (SGCWS_E_TYPE), bad
 * enum / out-of-range / malformed URL (SGCWS_E_VALUE), read-only (SGCWS_E_READONLY), and the buffer rules
 * of sgcws_get_str / sgcws_properties (SGCWS_E_BUFFER with the needed length). */
#include "harness.h"

#define CHECK_MSG_HAS(text)                                                                 \
    do {                                                                                    \
        atomic_fetch_add(&h_checks, 1);                                                     \
        if (!strstr(S.errmsg(), (text)))                                                    \
            h_fail(__FILE__, __LINE__, "errmsg \"%s\" lacks \"%s\"", S.errmsg(), (text));   \
    } while (0)

static void check_bad_url(sgcws_handle c, const char *url) {
    CHECK_RC(h_set_str(c, "URL", url), SGCWS_E_VALUE);
}

int main(void) {
    h_init("bad_properties", 60);
    sgcws_handle c = 0, srv = 0;
    CHECK_OK(S.create(SGCWS_CLIENT, &c));
    CHECK_OK(S.create(SGCWS_SERVER, &srv));

    CHECK_RC(h_set_str(c, "Prot", "x"), SGCWS_E_PROPERTY);
    CHECK_MSG_HAS("Prot");
    CHECK_RC(S.get_int(srv, "NoSuchThing", &(int64_t){0}), SGCWS_E_PROPERTY);
    CHECK_MSG_HAS("NoSuchThing");
    CHECK_RC(S.set_bool(srv, "DocumentRoot", 1), SGCWS_E_PROPERTY); /* HTTP server only */

    CHECK_RC(S.set_int(c, "URL", 1), SGCWS_E_TYPE);
    CHECK_MSG_HAS("URL");
    CHECK_RC(S.get_bool(srv, "Port", &(int32_t){0}), SGCWS_E_TYPE);
    CHECK_MSG_HAS("Port");
    CHECK_RC(h_set_str(srv, "Port", "80"), SGCWS_E_TYPE);

    CHECK_RC(h_set_str(c, "NotifyEvents", "neSometimes"), SGCWS_E_VALUE);
    CHECK_MSG_HAS("NotifyEvents");
    CHECK_RC(S.set_int(c, "NotifyEvents", 7), SGCWS_E_VALUE);
    CHECK_RC(S.set_int(srv, "Port", 70000), SGCWS_E_VALUE);
    CHECK_MSG_HAS("Port");
    CHECK_RC(S.set_int(srv, "Port", -1), SGCWS_E_VALUE);
    check_bad_url(c, "ws//x");
    check_bad_url(c, "ftp://x");
    check_bad_url(c, "ws://:99999");
    check_bad_url(c, "ws://127.0.0.1:99999/");
    CHECK_RC(S.set_int(srv, "Count", 3), SGCWS_E_READONLY);
    CHECK_MSG_HAS("Count");

    /* Names are case-insensitive; an enum reads back by name and by ordinal. */
    CHECK_OK(h_set_str(c, "notifyevents", "neNoSync"));
    CHECK(strcmp(h_get_str(c, "NotifyEvents"), "neNoSync") == 0);
    int64_t ord = -1;
    CHECK_OK(S.get_int(c, "NotifyEvents", &ord));
    CHECK(ord == 2);

    /* Buffers: too small -> SGCWS_E_BUFFER and the needed length, nothing copied. */
    const char *url = "ws://127.0.0.1:1234/some/path?q=1";
    CHECK_OK(h_set_str(c, "URL", url));
    char buf[8] = "unset";
    int32_t len = 0;
    CHECK_RC(S.get_str(c, "URL", buf, 4, &len), SGCWS_E_BUFFER);
    CHECK(len == (int32_t)strlen(url));
    CHECK(strcmp(buf, "unset") == 0);
    CHECK_RC(S.get_str(c, "URL", NULL, 0, &len), SGCWS_E_BUFFER);
    CHECK(len == (int32_t)strlen(url));
    char big[128];
    CHECK_OK(S.get_str(c, "URL", big, sizeof big, &len));
    CHECK(len == (int32_t)strlen(url) && strcmp(big, url) == 0);
    char exact[40];
    CHECK_OK(S.get_str(c, "URL", exact, (int32_t)strlen(url), &len)); /* fits without the NUL */
    CHECK(memcmp(exact, url, strlen(url)) == 0);

    int32_t need = 0;
    CHECK_RC(S.properties(SGCWS_CLIENT, NULL, 0, &need), SGCWS_E_BUFFER);
    CHECK(need > 100);
    static char list[65536];
    CHECK(need < (int32_t)sizeof list);
    CHECK_OK(S.properties(SGCWS_CLIENT, list, sizeof list, &len));
    CHECK(len == need);
    CHECK(strstr(list, "\nNotifyEvents\t") || strncmp(list, "NotifyEvents\t", 13) == 0);
    CHECK(strstr(list, "neNoSync") != NULL);

    CHECK_OK(S.destroy(c));
    CHECK_OK(S.destroy(srv));
    return h_finish();
}
