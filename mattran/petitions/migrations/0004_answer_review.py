"""The Front reviews the body's answer before the submitter is told (issue 9): the status "answer_accepted", the
timeline steps "answer_accepted" and "answer_sent_back", the Front's edited public text of the answer, and who
told whom when informing.

Answers already told back (informed, closed) were published under the old rule: their public text starts as the
body's text, so the public answered list does not lose them. Petitions still "answered" now wait for the review.
"""


from django.db import migrations, models


def public_text_fill(apps, schema_editor):
    Petition = apps.get_model("petitions", "Petition")
    for petition in Petition.objects.filter(status__in=("informed", "closed"), answer_public_text="").exclude(
        answer_text=""
    ).only("id", "answer_text"):
        petition.answer_public_text = petition.answer_text
        petition.save(update_fields=["answer_public_text"])



class Migration(migrations.Migration):

    dependencies = [
        ('petitions', '0003_petition_reference_and_liaison_nonce'),
    ]

    operations = [
        migrations.AddField(
            model_name='petition',
            name='answer_accepted_at',
            field=models.DateTimeField(blank=True, null=True, verbose_name='Mặt trận chấp nhận trả lời lúc'),
        ),
        migrations.AddField(
            model_name='petition',
            name='answer_public_text',
            field=models.TextField(blank=True, verbose_name='nội dung trả lời công khai'),
        ),
        migrations.AddField(
            model_name='petition',
            name='informed_by',
            field=models.CharField(blank=True, max_length=255, verbose_name='người thông tin lại'),
        ),
        migrations.AddField(
            model_name='petition',
            name='informed_to',
            field=models.CharField(blank=True, max_length=255, verbose_name='người được thông tin'),
        ),
        migrations.AlterField(
            model_name='petition',
            name='status',
            field=models.CharField(choices=[('submitted', 'Đã gửi, chờ tiếp nhận'), ('accepted', 'Đã tiếp nhận'), ('rejected', 'Không tiếp nhận'), ('redirected', 'Hướng dẫn theo thủ tục khác'), ('forwarded', 'Đã chuyển đến cơ quan có thẩm quyền'), ('in_progress', 'Cơ quan đang giải quyết'), ('returned', 'Cơ quan trả lại (không đúng thẩm quyền)'), ('answered', 'Cơ quan đã trả lời; Mặt trận đang xem xét'), ('answer_accepted', 'Mặt trận đã chấp nhận trả lời, chờ thông tin lại'), ('informed', 'Đã thông tin lại cho người gửi'), ('closed', 'Đã kết thúc'), ('reopened', 'Mở lại (người gửi chưa đồng ý)'), ('merged', 'Đã gộp vào kiến nghị trùng')], default='submitted', max_length=20, verbose_name='trạng thái'),
        ),
        migrations.AlterField(
            model_name='petitionevent',
            name='from_status',
            field=models.CharField(blank=True, choices=[('submitted', 'Đã gửi, chờ tiếp nhận'), ('accepted', 'Đã tiếp nhận'), ('rejected', 'Không tiếp nhận'), ('redirected', 'Hướng dẫn theo thủ tục khác'), ('forwarded', 'Đã chuyển đến cơ quan có thẩm quyền'), ('in_progress', 'Cơ quan đang giải quyết'), ('returned', 'Cơ quan trả lại (không đúng thẩm quyền)'), ('answered', 'Cơ quan đã trả lời; Mặt trận đang xem xét'), ('answer_accepted', 'Mặt trận đã chấp nhận trả lời, chờ thông tin lại'), ('informed', 'Đã thông tin lại cho người gửi'), ('closed', 'Đã kết thúc'), ('reopened', 'Mở lại (người gửi chưa đồng ý)'), ('merged', 'Đã gộp vào kiến nghị trùng')], max_length=20),
        ),
        migrations.AlterField(
            model_name='petitionevent',
            name='kind',
            field=models.CharField(choices=[('submitted', 'Gửi kiến nghị'), ('accepted', 'Tiếp nhận'), ('rejected', 'Không tiếp nhận'), ('redirected', 'Hướng dẫn theo thủ tục khác'), ('forwarded', 'Chuyển cơ quan có thẩm quyền'), ('acknowledged', 'Cơ quan xác nhận đã nhận'), ('returned', 'Cơ quan trả lại'), ('answered', 'Cơ quan trả lời'), ('answer_accepted', 'Mặt trận chấp nhận trả lời'), ('answer_sent_back', 'Mặt trận đề nghị cơ quan trả lời bổ sung'), ('informed', 'Thông tin lại cho người gửi'), ('closed', 'Kết thúc'), ('reopened', 'Mở lại'), ('merged', 'Gộp kiến nghị trùng'), ('duplicate_added', 'Nhận thêm kiến nghị trùng'), ('rated', 'Người gửi đánh giá'), ('reminded', 'Nhắc hạn'), ('escalated', 'Đôn đốc'), ('confidential', 'Đổi chế độ mật')], max_length=20, verbose_name='sự kiện'),
        ),
        migrations.AlterField(
            model_name='petitionevent',
            name='to_status',
            field=models.CharField(blank=True, choices=[('submitted', 'Đã gửi, chờ tiếp nhận'), ('accepted', 'Đã tiếp nhận'), ('rejected', 'Không tiếp nhận'), ('redirected', 'Hướng dẫn theo thủ tục khác'), ('forwarded', 'Đã chuyển đến cơ quan có thẩm quyền'), ('in_progress', 'Cơ quan đang giải quyết'), ('returned', 'Cơ quan trả lại (không đúng thẩm quyền)'), ('answered', 'Cơ quan đã trả lời; Mặt trận đang xem xét'), ('answer_accepted', 'Mặt trận đã chấp nhận trả lời, chờ thông tin lại'), ('informed', 'Đã thông tin lại cho người gửi'), ('closed', 'Đã kết thúc'), ('reopened', 'Mở lại (người gửi chưa đồng ý)'), ('merged', 'Đã gộp vào kiến nghị trùng')], max_length=20),
        ),
        migrations.RunPython(public_text_fill, migrations.RunPython.noop),
    ]
