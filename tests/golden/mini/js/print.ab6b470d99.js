(function(){"use strict";if(!window.print){return;}
var buttons=document.querySelectorAll("button[data-print]");for(var i=0;i<buttons.length;i++){var item=buttons[i].closest(".print-action");var list=buttons[i].closest(".page-actions");if(item){item.hidden=false;}
if(list){list.hidden=false;}
buttons[i].addEventListener("click",function(){window.print();});}})();
