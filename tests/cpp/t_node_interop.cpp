// t_node_interop.cpp - our C++ client against an independent server: Node `ws` 8 (tests/cpp/node_ws_server.js,
// started by run.sh; its port is argv[1]).
#include "harness.hpp"

using namespace sgcws;

int main(int argc, char **argv) {
    th::init("t_node_interop", 90);
    if (argc < 2) {
        printf("FAIL cpp node ws interop: no port given\n");
        return 1;
    }
    int port = std::atoi(argv[1]);
    th::run("cpp client vs Node ws: text, binary, large, fragmented, close code", [port] {
        TsgcWebSocketClient client;
        client.setNotifyEvents(neNoSync);
        th::Log texts;
        std::mutex mu;
        std::vector<TBytes> bins;
        std::atomic<int> nbins{0};
        std::atomic<int> closeCode{-1};
        client.OnMessage = [&](TsgcWSConnection &, const std::string &t) { texts.add(t); };
        client.OnBinary = [&](TsgcWSConnection &, const TBytes &b) {
            std::lock_guard<std::mutex> l(mu);
            bins.push_back(b);
            ++nbins;
        };
        client.OnDisconnect = [&](TsgcWSConnection &, int code) { closeCode = code; };
        client.setURL("ws://127.0.0.1:" + std::to_string(port) + "/interop?x=1");
        client.Connect(5000);
        REQUIRE(th::waitFor([&] { return texts.size() == 1; }, 5000));
        REQUIRE_MSG(texts.copy()[0] == "hello /interop?x=1", texts.copy()[0]);
        client.WriteData(u8"grüße ✓");
        REQUIRE(th::waitFor([&] { return texts.size() == 2; }, 5000));
        REQUIRE(texts.copy()[1] == u8"grüße ✓");
        TBytes small = {0, 1, 2, 255};
        client.WriteData(small);
        TBytes big(3 * 1024 * 1024 + 17);
        for (size_t i = 0; i < big.size(); ++i) big[i] = (uint8_t)(i * 31 + 7);
        client.WriteData(big);
        client.WriteData(big.data(), big.size(), 65536);  // sent in 64 KiB frames, one message
        REQUIRE(th::waitFor([&] { return nbins == 3; }, 20000));
        {
            std::lock_guard<std::mutex> l(mu);
            REQUIRE(bins[0] == small);
            REQUIRE(bins[1] == big);
            REQUIRE(bins[2] == big);
        }
        client.WriteData("close-4001");
        REQUIRE(th::waitFor([&] { return closeCode != -1; }, 5000));
        REQUIRE_MSG(closeCode == 4001, std::to_string(closeCode.load()));
        REQUIRE(th::waitFor([&] { return !client.Connected(); }, 3000));
    });
    return th::finish();
}
