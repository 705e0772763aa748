#pragma once

#include <QCoreApplication>
#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <memory>
#include <type_traits>
#include <utility>

namespace certdesk::token {

// PKCS#11 calls made for the windows run here, never on the GUI thread (docs/architecture.md, "Token layer"):
// one thread per module file, so calls into one module are serialised (many vendor modules are not
// thread-safe, whatever C_Initialize was told) and a module that hangs inside a call (C_Initialize, C_Login
// waiting for a PIN pad, a driver stuck on its reader) keeps its own thread and the calls queued behind it,
// nothing else. ModuleLoader's child-process probe still refuses a module that crashes or hangs on load; this
// is for what the probe cannot see and for a probe that is not there.
class ModuleWorkers
{
public:
    // Queues `task` on the thread of the module at `modulePath` (another name of the same file shares the
    // thread). Tasks of one module run one after another, in the order queued; different modules run in
    // parallel. The thread starts on first use and lives as long as the process: nothing ever waits for it,
    // so a module that never returns cannot hold up closing a window or the application.
    static void post(const QString& modulePath, std::function<void()> task);
    // Tasks queued or running for the module now.
    [[nodiscard]] static int pending(const QString& modulePath);
};

// Runs `work()` on the module's thread (ModuleWorkers), then `done(result)` on the GUI thread, provided
// `context` still exists then; otherwise the answer is dropped. `work` must own what it uses (copies, shared
// pointers) and must not touch `context`.
template<class Work, class Done>
void runOnModule(const QString& modulePath, QObject* context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work&>;
    QPointer<QObject> guard(context);
    ModuleWorkers::post(modulePath, [guard, work = std::move(work), done = std::move(done)]() mutable {
        auto result = std::make_shared<Result>(work());
        // Posted to the application object and checked there: `context` may be destroyed meanwhile on
        // its own thread, and a queued call to a dead object must never be made.
        if (QCoreApplication* app = QCoreApplication::instance()) {
            QMetaObject::invokeMethod(
                app,
                [guard, result, done = std::move(done)]() mutable {
                    if (guard)
                        done(std::move(*result));
                },
                Qt::QueuedConnection);
        }
    });
}

// "The UKey or its driver does not answer": what a window says when a call into a module takes longer than
// it should; the person may cancel and, on the lookup page, type the serial number instead.
[[nodiscard]] QString moduleNotAnsweringMessage();

} // namespace certdesk::token
