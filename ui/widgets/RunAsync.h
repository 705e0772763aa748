#pragma once

#include <QFutureWatcher>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <type_traits>
#include <utility>

namespace certdesk::ui {

// Runs `work` on Qt's thread pool and then `done(result)` on `context`'s thread. `work` must not touch
// `context`: if the context is destroyed first, its watcher goes with it and `done` is not called (the work
// still finishes on its thread, so it must own or share whatever it uses).
template<class Work, class Done>
void runAsync(QObject* context, Work work, Done done)
{
    using Result = std::invoke_result_t<Work&>;
    auto* watcher = new QFutureWatcher<Result>(context);
    QObject::connect(
        watcher, &QFutureWatcher<Result>::finished, context, [watcher, done = std::move(done)]() mutable {
            done(watcher->result());
            watcher->deleteLater();
        });
    watcher->setFuture(QtConcurrent::run(std::move(work)));
}

} // namespace certdesk::ui
