// chat_server.cpp - a stand-in for the demo chat server: a TsgcWebSocketHTTPServer on 127.0.0.1 (ephemeral
// port, printed on stdout) that broadcasts every text message to every connection. Exits when stdin closes.
#include "sgcws.hpp"

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

int main() {
    const char *lib = getenv("SGCWS_LIB");
    if (lib && *lib) sgcws::SetLibraryPath(lib);
    sgcws::TsgcWebSocketHTTPServer server;
    server.setNotifyEvents(sgcws::neNoSync);
    server.OnMessage = [&server](sgcws::TsgcWSConnection &, const std::string &text) { server.Broadcast(text); };
    server.OnCommandGet = [](sgcws::TsgcWSConnection &, const sgcws::THTTPRequestInfo &, sgcws::THTTPResponseInfo &rs) {
        rs.ContentText = "chat server";
        rs.ContentType = "text/plain";
    };
    server.setBindings({"127.0.0.1:0"});
    server.setActive(true);
    std::string a = server.ListenAddresses().at(0);
    std::printf("%s\n", a.substr(a.rfind(':') + 1).c_str());
    std::fflush(stdout);
    char buf[64];
    while (read(0, buf, sizeof buf) > 0) {
    }
    return 0;
}
