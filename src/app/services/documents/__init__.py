"""The data of the secretariat's Word documents (issue 21, domain.md §7, §8.4, §17).

Entry points (each returns a DTO of :mod:`app.services.documents.model`, ready for
:mod:`app.word`):

- :func:`submission.submission_data` -- tờ trình đề nghị khen thưởng of a year's proposals for
  one route (the Giám đốc Sở, the Chủ tịch UBND tỉnh through the Sở Nội vụ, the Bộ trưởng),
  with counts by title and form, the Council session, and the list annexed;
- :func:`decision.decision_data` -- quyết định khen thưởng: Căn cứ lines of the rule set in
  force on the signing date, the Council minutes and the tờ trình, Điều 1-3, Nơi nhận, annex;
- :func:`council.minutes_data`, :func:`council.invitation_data`, :func:`council.notice_data` --
  biên bản họp Hội đồng (its own series ".../BB-HĐTĐKT"), giấy mời họp, thông báo kết quả;
- :func:`achievement.achievement_data` -- báo cáo thành tích of a person or a collective,
  pre-filled from the record.
"""
