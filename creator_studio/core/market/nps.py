"""Learner NPS per published course (0–10): NPS = %promoters (9–10) − %detractors (0–6).

Shown with its response count and hidden below a minimum count (small samples swing by tens of
points). Computed with exact fractions, rounded once (half-even) for display. Responses arrive one
by one or from the learning platform's CSV export; a new summary notifies the maker.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from pathlib import Path

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from creator_studio.core.errors import NotFound, ValidationError
from creator_studio.core.market import audit, notifications, permissions
from creator_studio.core.market.accounts import RowError, read_csv_source
from creator_studio.core.store.models import NpsResponse, Order, PublishedCourse, User

MIN_COUNT = 10


@dataclass(frozen=True)
class NpsSummary:
    count: int
    promoters: int
    passives: int
    detractors: int
    min_count: int = MIN_COUNT

    @property
    def shown(self) -> bool:
        return self.count >= self.min_count

    @property
    def exact(self) -> Fraction | None:
        if not self.count:
            return None
        return Fraction(100 * (self.promoters - self.detractors), self.count)

    @property
    def nps(self) -> int | None:
        """The NPS (−100…100) when enough responses are in, else None ("collecting")."""
        return round(self.exact) if self.shown and self.exact is not None else None

    def label_zh(self) -> str:
        if not self.shown:
            return f"收集中（{self.count}/{self.min_count}）"
        return f"NPS {self.nps:+d}（{self.count} 份）"


def summary_from_scores(scores: list[int], min_count: int = MIN_COUNT) -> NpsSummary:
    p = sum(1 for s in scores if s >= 9)
    d = sum(1 for s in scores if s <= 6)
    return NpsSummary(len(scores), p, len(scores) - p - d, d, min_count)


def summary(session: Session, *, maker_id: int | None = None, course_id: int | None = None,
            min_count: int = MIN_COUNT) -> NpsSummary:
    q = select(func.count(),
               func.coalesce(func.sum(case((NpsResponse.score >= 9, 1), else_=0)), 0),
               func.coalesce(func.sum(case((NpsResponse.score <= 6, 1), else_=0)), 0))
    if maker_id is not None:
        q = q.where(NpsResponse.maker_id == maker_id)
    if course_id is not None:
        q = q.where(NpsResponse.course_id == course_id)
    n, p, d = session.execute(q).one()
    n, p, d = int(n), int(p), int(d)
    return NpsSummary(n, p, n - p - d, d, min_count)


def register_course(session: Session, actor: User, *, external_id: str, title: str,
                    maker_id: int, order_id: int | None = None, version: int = 1,
                    now: datetime) -> PublishedCourse:
    """Record that a course went live on the learning platform (so NPS finds its maker)."""
    order = session.get(Order, order_id) if order_id is not None else None
    permissions.check(actor, "course.publish", order)
    if order is not None and order.maker_id != maker_id:
        raise ValidationError("课程创客与订单不符", "Maker does not match the order", code="BAD_PARAM")
    if session.scalar(select(PublishedCourse.id).where(PublishedCourse.external_id == external_id)):
        raise ValidationError(f"课程编号 {external_id} 已登记", f"Course {external_id} exists",
                              code="DUPLICATE")
    course = PublishedCourse(external_id=external_id, title=title, maker_id=maker_id,
                             order_id=order_id, version=version, published_at=now)
    session.add(course)
    session.flush()
    audit.record(session, actor.id, "course.publish", "course", course.id, None,
                 {"external_id": external_id, "maker_id": maker_id}, now)
    return course


def _add_response(session: Session, course: PublishedCourse, learner_ref: str, score: int,
                  version: int | None, when: datetime) -> NpsResponse:
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
        raise ValidationError("评分必须是 0–10 的整数", "Score must be an integer 0–10",
                              code="BAD_SCORE")
    learner_ref = (learner_ref or "").strip()
    if not learner_ref:
        raise ValidationError("缺少学员编号", "Learner id is missing", code="BAD_LEARNER")
    version = version or course.version
    if session.scalar(select(NpsResponse.id).where(NpsResponse.learner_ref == learner_ref,
                                                   NpsResponse.course_id == course.id,
                                                   NpsResponse.course_version == version)):
        raise ValidationError("该学员已对此课程版本评分", "This learner already rated this course version",
                              code="DUPLICATE")
    r = NpsResponse(course_id=course.id, course_version=version, maker_id=course.maker_id,
                    learner_ref=learner_ref, score=score, responded_at=when)
    session.add(r)
    session.flush()
    return r


def _notify_summary(session: Session, maker_id: int, now: datetime, min_count: int) -> None:
    s = summary(session, maker_id=maker_id, min_count=min_count)
    notifications.notify(session, maker_id, "nps_summary", f"学员推荐度更新：{s.label_zh()}",
                         (f"Learner NPS {s.nps:+d} ({s.count} responses)" if s.shown
                          else f"Learner NPS collecting ({s.count}/{min_count})"),
                         now, count=s.count, nps=s.nps)


def record_response(session: Session, actor: User, course_id: int, learner_ref: str, score: int,
                    *, now: datetime, course_version: int | None = None,
                    min_count: int = MIN_COUNT) -> NpsResponse:
    permissions.check(actor, "nps.record")
    course = session.get(PublishedCourse, course_id)
    if course is None:
        raise NotFound("课程不存在", f"No published course #{course_id}")
    r = _add_response(session, course, learner_ref, score, course_version, now)
    _notify_summary(session, course.maker_id, now, min_count)
    return r


@dataclass
class NpsImportReport:
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    makers_notified: list[int] = field(default_factory=list)


HEADERS = {
    "course": {"course_id", "课程编号", "课程id", "course"},
    "learner": {"learner_id", "学员编号", "学员id", "user_id", "learner"},
    "score": {"score", "评分", "推荐度", "nps"},
    "version": {"course_version", "版本", "课程版本"},
    "when": {"responded_at", "时间", "提交时间"},
}


def import_csv(session: Session, actor: User, source: Path | bytes | str, *, now: datetime,
               min_count: int = MIN_COUNT) -> NpsImportReport:
    """Import the learning platform's NPS export; bad rows are reported and skipped."""
    permissions.check(actor, "nps.import")
    reader = csv.reader(io.StringIO(read_csv_source(source)))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        raise ValidationError("CSV 文件为空", "The CSV file is empty", code="EMPTY_CSV") from None
    cols = {k: i for k, names in HEADERS.items() for i, h in enumerate(header) if h in names}
    missing = [c for c in ("course", "learner", "score") if c not in cols]
    if missing:
        raise ValidationError(f"CSV 缺少必需列：{', '.join(missing)}",
                              f"CSV lacks required columns: {', '.join(missing)}",
                              code="BAD_CSV_HEADER")
    report = NpsImportReport()
    courses: dict[str, PublishedCourse | None] = {}
    makers: set[int] = set()
    for line_no, row in enumerate(reader, start=2):
        if not any(c.strip() for c in row):
            continue

        def col(name: str, row=row) -> str:  # noqa: ANN001
            i = cols.get(name)
            return row[i].strip() if i is not None and i < len(row) else ""

        ext = col("course")
        if ext not in courses:
            courses[ext] = session.scalar(select(PublishedCourse)
                                          .where(PublishedCourse.external_id == ext))
        course = courses[ext]
        try:
            if course is None:
                raise ValidationError(f"未登记的课程：{ext}", f"Unknown course {ext!r}")
            try:
                score = int(col("score"))
            except ValueError:
                raise ValidationError(f"评分不是整数：{col('score')}",
                                      f"Score is not an integer: {col('score')!r}") from None
            version = int(col("version")) if col("version") else None
            when = now
            if col("when"):
                try:
                    when = datetime.fromisoformat(col("when").replace("/", "-")).replace(tzinfo=None)
                except ValueError:
                    raise ValidationError(f"时间格式不正确：{col('when')}",
                                          f"Bad timestamp {col('when')!r}") from None
            with session.begin_nested():
                _add_response(session, course, col("learner"), score, version, when)
        except ValidationError as exc:
            report.errors.append(RowError(line_no, exc.message_zh, exc.message_en))
            continue
        except ValueError:
            report.errors.append(RowError(line_no, "版本号不是整数", "Version is not an integer"))
            continue
        report.imported += 1
        makers.add(course.maker_id)
    for maker_id in sorted(makers):
        _notify_summary(session, maker_id, now, min_count)
    report.makers_notified = sorted(makers)
    audit.record(session, actor.id, "nps.import", "nps", None, None,
                 {"imported": report.imported, "errors": len(report.errors)}, now)
    return report
