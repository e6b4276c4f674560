// win_components.cpp - the generated classes on Windows (mingw-w64, run under Wine by run.sh): the check
// against sgcws_describe, the custom sub-protocol both ways (server side neNoSync, client side
// neAsynchronous with ProcessEvents), an sgc RPC and a Presence member list (the value objects), with
// sgcws.dll beside it or its path in argv[1].
#include "sgcws.hpp"

#include <atomic>
#include <cstdio>
#include <windows.h>

static int failures = 0;
static void check(bool ok, const char *what) {
    std::printf("%s %s\n", ok ? "PASS" : "FAIL", what);
    if (!ok) ++failures;
}

int main(int argc, char **argv) {
    if (argc > 1) sgcws::SetLibraryPath(argv[1]);
    using namespace sgcws;
    try {
        CheckComponents();
        check(true, "cpp win generated classes match sgcws_describe");

        TsgcWebSocketServer server;
        server.setNotifyEvents(neNoSync);
        TsgcWSProtocol_Server_Base sproto;
        sproto.setNotifyEvents(neNoSync);
        sproto.setProtocol("win.proto");
        sproto.setServer(server);
        std::atomic<int> serverOwn{0};
        server.OnMessage = [&](TsgcWSConnection &, const std::string &) { ++serverOwn; };
        sproto.OnMessage = [&](TsgcWSConnection &c, const std::string &t) { sproto.WriteData(c.Guid(), "echo:" + t); };
        server.setBindings({"127.0.0.1:0"});
        server.Start();

        TsgcWebSocketClient client;
        TsgcWSProtocol_Client_Base cproto;
        cproto.setProtocol("win.proto");
        cproto.setClient(client);
        std::string got;
        bool connected = false;
        cproto.OnConnect = [&](TsgcWSConnection &) { connected = true; };
        cproto.OnMessage = [&](TsgcWSConnection &, const std::string &t) { got += t + ";"; };
        client.setURL("ws://" + server.ListenAddresses().at(0) + "/");
        client.Connect(10000);
        for (int i = 0; i < 500 && !connected; ++i) cproto.ProcessEvents(20);
        cproto.WriteData("a");
        cproto.WriteData("b");
        for (int i = 0; i < 500 && got != "echo:a;echo:b;"; ++i) cproto.ProcessEvents(20);
        check(got == "echo:a;echo:b;" && serverOwn == 0 && client.Protocol() == "win.proto",
              "cpp win custom sub-protocol both ways");

        int code = 0;
        try {
            cproto.Invoke("NoSuchMethod");
        } catch (const Error &e) {
            code = e.Code();
        }
        check(code == SGCWS_E_METHOD, "cpp win unknown method is SGCWS_E_METHOD");
        client.Disconnect(5000);

        // The sgc and Presence protocols on the same server: an RPC answered in OnRPC, and the value
        // objects of a GetMembers answer.
        TsgcWSPServer_sgc sgc;
        TsgcWSPServer_Presence presence;
        for (TsgcWSComponent *c : std::initializer_list<TsgcWSComponent *>{&sgc, &presence}) c->setNotifyEvents(neNoSync);
        sgc.setServer(server);
        presence.setServer(server);
        sgc.OnRPC = [&](TsgcWSConnection &, const std::string &id, const std::string &, const std::string &) {
            sgc.RPCResult(id, "{\"win\":true}");
        };
        TsgcWebSocketClient sgcWs, presWs;
        TsgcWSPClient_sgc sgcClient;
        TsgcWSPClient_Presence presClient;
        sgcClient.setClient(sgcWs);
        presClient.setClient(presWs);
        presClient.Presence().setName("Win\tdows");
        std::string rpc, members;
        bool session = false;
        sgcClient.OnSession = [&](TsgcWSConnection &, const std::string &) { session = true; };
        sgcClient.OnRPCResult = [&](TsgcWSConnection &, const std::string &id, const std::string &r) { rpc = id + r; };
        presClient.OnNewMember = [&](TsgcWSConnection &, const TsgcWSPresenceMember &) { presClient.GetMembers(); };
        presClient.OnGetMembers = [&](TsgcWSConnection &, const TsgcWSPresenceMemberList &ms, const TsgcWSPresenceChannel &) {
            members = std::to_string(ms.Count()) + ":" + (ms.Count() ? ms.Member(0).Name : "");
        };
        sgcWs.setURL(client.URL());
        presWs.setURL(client.URL());
        sgcWs.Connect(10000);
        presWs.Connect(10000);
        for (int i = 0; i < 500 && !session; ++i) sgcClient.ProcessEvents(20);
        sgcClient.RPC("w1", "Any");
        for (int i = 0; i < 500 && (rpc.empty() || members.empty()); ++i) {
            sgcClient.ProcessEvents(10);
            presClient.ProcessEvents(10);
        }
        check(rpc == "w1{\"win\":true}", "cpp win sgc RPC answered in OnRPC");
        check(members == "1:Win\tdows", "cpp win Presence member list decoded");
        sgcWs.Disconnect(5000);
        presWs.Disconnect(5000);
    } catch (const std::exception &e) {
        std::printf("FAIL cpp win components: %s\n", e.what());
        return 1;
    }
    return failures ? 1 : 0;
}
